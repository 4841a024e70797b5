package org.jbec.dap.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jbec.dap.Background;
import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;
import org.jbec.dap.FitResult;
import org.jbec.dap.PeakStatistics;
import org.junit.jupiter.api.Test;

/** Bad data and bad plugins give results that say what is wrong; nothing throws. */
class BadDataTest {

    private final ModelWhiteboard dap = Synthetic.whiteboard();

    private static Curve curve(double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Curve(x, y);
    }

    private static void assertFails(FitResult fit, String expected) {
        assertFalse(fit.success(), fit.toString());
        assertTrue(fit.message().contains(expected), fit.message());
    }

    @Test
    void flatData() {
        Curve flat = curve(new double[] {7, 7, 7, 7, 7, 7, 7});
        PeakStatistics s = dap.statistics(flat);
        assertFalse(s.ok());
        assertTrue(s.problem().contains("flat data: all 7 values are 7.0"), s.problem());
        assertFails(dap.fit("GaussianModel", null, flat), "flat data");
    }

    @Test
    void notANumberIsDroppedAndCounted() {
        double n = Double.NaN;
        Curve mostlyNaN = curve(new double[] {n, 1, n, Double.POSITIVE_INFINITY, 2, n});
        PeakStatistics s = dap.statistics(mostlyNaN);
        assertTrue(s.problem().contains("too few points: 2 usable points (4 dropped as NaN or infinite)"), s.problem());
        assertFails(dap.fit("LorentzianModel", null, mostlyNaN), "4 dropped as NaN");
    }

    @Test
    void tooFewPointsForTheParameters() {
        assertFails(dap.fit("GaussianModel", Background.LINEAR, curve(new double[] {1, 5, 9, 4, 2})),
                "need at least 6");
    }

    @Test
    void theAxisDidNotMove() {
        Curve still = new Curve(new double[] {2, 2, 2, 2}, new double[] {1, 3, 2, 5});
        assertTrue(dap.statistics(still).problem().contains("did not move"));
    }

    @Test
    void unknownModelNamesTheAvailableOnes() {
        assertFails(dap.fit("VoigtModel", null, curve(new double[] {1, 2, 3, 2, 1})),
                "unknown model 'VoigtModel'; available: GaussianModel, LinearModel");
    }

    @Test
    void linearModelTakesNoLinearBackground() {
        assertFails(dap.fit("LinearModel", Background.LINEAR, curve(new double[] {1, 2, 3, 4, 5})),
                "has a parameter 'slope' itself");
    }

    @Test
    void aModelThatNeverGivesNumbersDoesNotConverge() {
        dap.addModel(new Broken("NaNModel", x -> Double.NaN), Map.of(FitModel.MODEL_PROPERTY, "NaNModel"));
        FitResult fit = dap.fit("NaNModel", Background.NONE, curve(new double[] {1, 4, 9, 4, 1, 0}));
        assertFalse(fit.success(), fit.toString());
    }

    @Test
    void aModelThatThrowsGivesAFailedResult() {
        dap.addModel(new Broken("ThrowingModel", x -> {
            throw new IllegalStateException("plugin bug");
        }), Map.of(FitModel.MODEL_PROPERTY, "ThrowingModel"));
        assertFails(dap.fit("ThrowingModel", Background.NONE, curve(new double[] {1, 4, 9, 4, 1, 0})), "plugin bug");
    }

    @Test
    void aParameterTheDataDoNotDetermineHasNoError() {
        // the model ignores its second parameter: the covariance is singular
        dap.addModel(new Broken("Degenerate", x -> x), Map.of(FitModel.MODEL_PROPERTY, "Degenerate"));
        FitResult fit = dap.fit("Degenerate", Background.NONE, curve(new double[] {0, 1.1, 1.9, 3.2, 4, 5.1}));
        assertTrue(fit.success(), fit.message());
        assertTrue(fit.message().contains("singular covariance"), fit.message());
        assertTrue(Double.isNaN(fit.parameters().get(1).stderr()));
    }

    /** A two-parameter plugin {@code p0 * f(x)}. */
    private record Broken(String name, java.util.function.DoubleUnaryOperator f) implements FitModel {
        @Override
        public String description() {
            return "test model";
        }

        @Override
        public List<String> parameterNames() {
            return List.of("a", "unused");
        }

        @Override
        public double value(double x, double[] p) {
            return p[0] * f.applyAsDouble(x);
        }

        @Override
        public double[] initialGuess(Curve curve, PeakStatistics statistics, double baseline) {
            return new double[] {1, 1};
        }
    }
}
