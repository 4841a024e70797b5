package org.jbec.dap.internal;

import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;

/** Synthetic scans with known parameters and reproducible noise, and a whiteboard with the built-in models. */
final class Synthetic {

    private Synthetic() {
    }

    /** {@code points} values of {@code f} on [from, to] plus Gaussian noise of width {@code noise}. */
    static Curve curve(DoubleUnaryOperator f, double from, double to, int points, double noise, long seed) {
        Random random = new Random(seed);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = from + (to - from) * i / (points - 1);
            y[i] = f.applyAsDouble(x[i]) + noise * random.nextGaussian();
        }
        return new Curve(x, y);
    }

    static ModelWhiteboard whiteboard() {
        ModelWhiteboard whiteboard = new ModelWhiteboard();
        for (FitModel m : new FitModel[] {new GaussianModel(), new LorentzianModel(), new PseudoVoigtModel(),
                new LinearModel(), new StepModel()}) {
            whiteboard.addModel(m, Map.of(FitModel.MODEL_PROPERTY, m.name()));
        }
        return whiteboard;
    }
}
