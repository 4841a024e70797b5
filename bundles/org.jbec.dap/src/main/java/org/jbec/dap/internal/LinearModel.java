package org.jbec.dap.internal;

import java.util.List;

import org.jbec.dap.Background;
import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;
import org.jbec.dap.PeakStatistics;
import org.osgi.service.component.annotations.Component;

/** lmfit's LinearModel; it is its own background. */
@Component(service = FitModel.class, property = FitModel.MODEL_PROPERTY + "=LinearModel")
public final class LinearModel implements FitModel {

    @Override
    public String name() {
        return "LinearModel";
    }

    @Override
    public String description() {
        return "slope * x + intercept";
    }

    @Override
    public List<String> parameterNames() {
        return List.of("slope", "intercept");
    }

    @Override
    public double value(double x, double[] p) {
        return p[0] * x + p[1];
    }

    @Override
    public Background defaultBackground() {
        return Background.NONE;
    }

    /** The line through the first and last points: close enough for a problem that is linear. */
    @Override
    public double[] initialGuess(Curve curve, PeakStatistics s, double baseline) {
        double[] x = curve.x();
        double[] y = curve.y();
        int last = x.length - 1;
        double slope = (y[last] - y[0]) / (x[last] - x[0]);
        return new double[] {slope, y[0] - slope * x[0] - baseline};
    }
}
