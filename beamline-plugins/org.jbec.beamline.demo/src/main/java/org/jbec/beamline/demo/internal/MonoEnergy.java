package org.jbec.beamline.demo.internal;

import java.util.List;

import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.Positioner;

/**
 * A double-crystal monochromator's energy (keV) over its Bragg angle motor (degrees):
 * E = hc / (2 d sin θ), hc = 12.39842 keV·Å, d the lattice spacing ({@code d_spacing}, Si(111)
 * 3.1356 Å by default).
 */
final class MonoEnergy extends PseudoMotor {

    static final double HC = 12.39842;
    private final double d;

    MonoEnergy(DeviceContext context) {
        super(context, "keV");
        Object spacing = context.deviceConfig().get("d_spacing");
        this.d = spacing instanceof Number n ? n.doubleValue() : 3.1356;
    }

    @Override
    protected List<Positioner> real() {
        return List.of(motor("theta"));
    }

    @Override
    protected double forward(double[] theta) {
        return HC / (2 * d * Math.sin(Math.toRadians(theta[0])));
    }

    @Override
    protected double[] inverse(double energy, double[] theta) {
        double s = HC / (2 * d * energy);
        if (!(energy > 0) || s >= 1) {
            throw new DeviceException(context.name() + ": " + energy + " keV is below the crystal's range (min "
                    + String.format(java.util.Locale.ROOT, "%.3f", HC / (2 * d)) + " keV)");
        }
        return new double[] {Math.toDegrees(Math.asin(s))};
    }
}
