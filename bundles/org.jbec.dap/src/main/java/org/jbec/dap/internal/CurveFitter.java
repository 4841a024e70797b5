package org.jbec.dap.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.RealMatrix;
import org.jbec.dap.Background;
import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;
import org.jbec.dap.FitParameter;
import org.jbec.dap.FitResult;
import org.jbec.dap.PeakStatistics;

/**
 * Least-squares fits of a model plus background with Commons Math's Levenberg-Marquardt optimiser,
 * started from the peak statistics. Standard errors come from the covariance at the optimum scaled
 * by the reduced chi-square, as lmfit reports them when the data carry no error bars.
 */
final class CurveFitter {

    static final int MAX_EVALUATIONS = 5_000;
    private static final double SINGULARITY_THRESHOLD = 1e-14;

    private CurveFitter() {
    }

    static FitResult fit(FitModel model, Background requested, Curve raw) {
        Background background = requested == null ? model.defaultBackground() : requested;
        String name = model.name();
        List<String> names = new ArrayList<>(model.parameterNames());
        for (String b : background.parameterNames()) {
            if (names.contains(b)) {
                return FitResult.failed(name, background, raw.size(), name + " has a parameter '" + b
                        + "' itself: fit it with background none");
            }
            names.add(b);
        }
        CleanCurve clean = CleanCurve.of(raw);
        if (clean.size() <= names.size()) {
            return FitResult.failed(name, background, clean.size(), "too few points: " + clean.describe() + " for "
                    + names.size() + " parameters " + names + ", need at least " + (names.size() + 1));
        }
        Curve curve = clean.curve();
        PeakStatistics statistics = PeakAnalyzer.analyse(curve);
        if (!statistics.ok()) {
            return FitResult.failed(name, background, clean.size(), "cannot fit " + name + ": " + statistics.problem());
        }
        double[] start = start(model, background, curve, statistics);
        if (!allFinite(start)) {
            return FitResult.failed(name, background, clean.size(), "cannot fit " + name
                    + ": no finite starting values from the data");
        }
        FitFunction function = new FitFunction(model, background, model.parameterNames().size(), curve.x());
        LeastSquaresProblem problem = new LeastSquaresBuilder().start(start).model(function::values, function::jacobian)
                .target(curve.y()).maxEvaluations(MAX_EVALUATIONS).maxIterations(MAX_EVALUATIONS).build();
        Optimum optimum;
        try {
            optimum = new LevenbergMarquardtOptimizer().optimize(problem);
        } catch (MathIllegalStateException e) {
            // too many evaluations or iterations, or a step that went nowhere
            return FitResult.failed(name, background, clean.size(), name + " fit did not converge: " + e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return FitResult.failed(name, background, clean.size(), name + " fit failed: " + e.getMessage());
        }
        return result(model, background, names, curve, optimum, function);
    }

    private static double[] start(FitModel model, Background background, Curve curve, PeakStatistics statistics) {
        double baseline = background == Background.NONE ? 0 : model.initialBaseline(curve, statistics);
        double[] shape = model.initialGuess(curve, statistics, baseline);
        double[] start = new double[shape.length + background.parameterNames().size()];
        System.arraycopy(shape, 0, start, 0, shape.length);
        switch (background) {
            case CONSTANT -> start[shape.length] = baseline;
            case LINEAR -> start[shape.length + 1] = baseline; // slope 0, intercept at the base
            default -> { }
        }
        return start;
    }

    private static FitResult result(FitModel model, Background background, List<String> names, Curve curve,
            Optimum optimum, FitFunction function) {
        int n = curve.size();
        int shapeCount = model.parameterNames().size();
        double[] fitted = optimum.getPoint().toArray();
        double[] shape = model.canonical(java.util.Arrays.copyOf(fitted, shapeCount));
        System.arraycopy(shape, 0, fitted, 0, shapeCount);
        double chiSquare = optimum.getCost() * optimum.getCost();
        double reduced = chiSquare / (n - names.size());
        double[] best = function.values(fitted);
        if (!allFinite(fitted) || !Double.isFinite(chiSquare)) {
            return FitResult.failed(model.name(), background, n, model.name() + " fit ran off to non-finite values");
        }
        String message = "converged after " + optimum.getEvaluations() + " evaluations";
        double[] errors = new double[names.size()];
        try {
            RealMatrix covariance = optimum.getCovariances(SINGULARITY_THRESHOLD);
            for (int i = 0; i < errors.length; i++) {
                errors[i] = Math.sqrt(covariance.getEntry(i, i) * reduced);
            }
        } catch (MathIllegalStateException | ArithmeticException | IllegalArgumentException e) {
            java.util.Arrays.fill(errors, Double.NaN);
            message += "; the data do not determine every parameter (singular covariance): no uncertainties";
        }
        List<FitParameter> parameters = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            parameters.add(new FitParameter(names.get(i), fitted[i], errors[i]));
        }
        Map<String, Double> derived = new LinkedHashMap<>(model.derived(shape));
        return new FitResult(model.name(), background, true, message, List.copyOf(parameters), Map.copyOf(derived), n,
                optimum.getEvaluations(), chiSquare, reduced, curve.x(), best);
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
