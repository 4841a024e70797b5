package org.jbec.dap.internal;

import org.jbec.dap.Background;
import org.jbec.dap.FitModel;

/**
 * Model plus background over the x values, and its Jacobian by central differences: the model
 * plugins then need to give only their formula.
 */
final class FitFunction {

    private static final double RELATIVE_STEP = 1e-6;

    private final FitModel model;
    private final Background background;
    private final int shapeCount;
    private final double[] x;

    FitFunction(FitModel model, Background background, int shapeCount, double[] x) {
        this.model = model;
        this.background = background;
        this.shapeCount = shapeCount;
        this.x = x;
    }

    double[] values(double[] p) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = model.value(x[i], p) + background.value(x[i], p, shapeCount);
        }
        return out;
    }

    double[][] jacobian(double[] p) {
        double[][] j = new double[x.length][p.length];
        double[] shifted = p.clone();
        for (int k = 0; k < p.length; k++) {
            double h = RELATIVE_STEP * Math.max(Math.abs(p[k]), 1e-3);
            shifted[k] = p[k] + h;
            double[] up = values(shifted);
            shifted[k] = p[k] - h;
            double[] down = values(shifted);
            shifted[k] = p[k];
            for (int i = 0; i < x.length; i++) {
                j[i][k] = (up[i] - down[i]) / (2 * h);
            }
        }
        return j;
    }
}
