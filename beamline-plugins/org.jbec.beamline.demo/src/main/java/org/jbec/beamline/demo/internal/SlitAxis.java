package org.jbec.beamline.demo.internal;

import java.util.List;

import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.Positioner;

/**
 * A slit's gap or centre over its two blades ({@code deviceConfig: {axis: gap|centre, left: …,
 * right: …}}): gap = right − left, centre = (left + right) / 2; moving one keeps the other.
 */
final class SlitAxis extends PseudoMotor {

    private final boolean gap;

    SlitAxis(DeviceContext context) {
        super(context, "mm");
        this.gap = "gap".equals(context.deviceConfig().get("axis"));
    }

    @Override
    protected List<Positioner> real() {
        return List.of(motor("left"), motor("right"));
    }

    @Override
    protected double forward(double[] blades) {
        return gap ? blades[1] - blades[0] : (blades[0] + blades[1]) / 2;
    }

    @Override
    protected double[] inverse(double target, double[] blades) {
        double g = gap ? target : blades[1] - blades[0];
        double c = gap ? (blades[0] + blades[1]) / 2 : target;
        return new double[] {c - g / 2, c + g / 2};
    }
}
