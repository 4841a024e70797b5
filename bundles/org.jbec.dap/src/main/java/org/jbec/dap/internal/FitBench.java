package org.jbec.dap.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.apache.commons.math3.special.Erf;
import org.jbec.dap.Background;
import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;
import org.jbec.dap.FitResult;

/**
 * Time to fit 10,000 noisy points with each built-in model (its default background), median of
 * several runs after warm-up. Runs without a framework:
 * {@code java -cp bundles/org.jbec.dap/target/classes:<commons-math3.jar> org.jbec.dap.internal.FitBench},
 * or as the shell command {@code fit_bench}.
 */
public final class FitBench {

    static final int POINTS = 10_000;
    private static final int WARM_UP = 5;
    private static final int RUNS = 9;

    private FitBench() {
    }

    public static void main(String[] args) {
        System.out.print(report(POINTS));
    }

    static String report(int points) {
        List<FitModel> models = List.of(new GaussianModel(), new LorentzianModel(), new PseudoVoigtModel(),
                new StepModel(), new LinearModel());
        // warm every model up before timing any: the first one timed would otherwise pay for the JIT
        table(models, points, WARM_UP);
        return table(models, points, RUNS);
    }

    private static String table(List<FitModel> models, int points, int runs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-18s %-10s %8s %12s %12s%n", "model",
                "background", "points", "median ms", "evaluations"));
        for (FitModel model : models) {
            for (Background background : new Background[] {model.defaultBackground(), Background.LINEAR}) {
                if (!(model instanceof LinearModel && background == Background.LINEAR)) {
                    out.append(time(model, background, data(model, points), runs));
                }
            }
        }
        return out.toString();
    }

    private static String time(FitModel model, Background background, Curve curve, int runs) {
        double[] millis = new double[runs];
        FitResult fit = null;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            fit = CurveFitter.fit(model, background, curve);
            millis[run] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return String.format(Locale.ROOT, "%-18s %-10s %8d %12.1f %12s%n", model.name(),
                background.name().toLowerCase(Locale.ROOT), curve.size(), millis[runs / 2],
                fit.success() ? Integer.toString(fit.evaluations()) : "FAILED: " + fit.message());
    }

    /** A peak (or edge, or line) of the model's kind across the points, with noise of 1 % of its height. */
    private static Curve data(FitModel model, int points) {
        Random random = new Random(1);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = -5 + 10.0 * i / (points - 1);
            double clean = switch (model.name()) {
                case "StepModel" -> 100 * 0.5 * (1 + Erf.erf((x[i] - 0.3) / 0.7));
                case "LinearModel" -> 3 * x[i] + 20;
                default -> 100 * Math.exp(-(x[i] - 0.3) * (x[i] - 0.3) / 2) / (1 + 0.2 * x[i] * x[i]);
            };
            y[i] = clean + 10 + random.nextGaussian();
        }
        return new Curve(x, y);
    }
}
