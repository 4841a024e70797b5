package org.jbec.dap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.commons.math3.special.Erf;
import org.jbec.dap.Background;
import org.jbec.dap.Curve;
import org.jbec.dap.FitParameter;
import org.jbec.dap.FitResult;
import org.junit.jupiter.api.Test;

/**
 * Each model recovers the parameters of noisy synthetic data within three of its reported standard
 * errors, and those errors are honest: over many noise draws the pulls have unit spread.
 */
class FitModelsTest {

    private final ModelWhiteboard dap = Synthetic.whiteboard();

    private static double gaussian(double x, double a, double c, double s) {
        return a / (s * Math.sqrt(2 * Math.PI)) * Math.exp(-(x - c) * (x - c) / (2 * s * s));
    }

    private static double lorentzian(double x, double a, double c, double s) {
        return a / Math.PI * s / ((x - c) * (x - c) + s * s);
    }

    /** Every parameter lies within 3 standard errors of the truth, and every error is finite and positive. */
    private static void assertRecovers(FitResult fit, Map<String, Double> truth) {
        assertTrue(fit.success(), fit.message());
        truth.forEach((name, value) -> {
            FitParameter p = fit.parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name));
            assertTrue(p.stderr() > 0 && Double.isFinite(p.stderr()), name + " has error " + p.stderr());
            assertTrue(Math.abs(p.value() - value) < 3 * p.stderr(),
                    name + " = " + p.value() + " ± " + p.stderr() + ", truth " + value);
        });
    }

    @Test
    void gaussianOnAConstantBackground() {
        Curve data = Synthetic.curve(x -> gaussian(x, 500, 0.3, 0.8) + 10, -5, 5, 201, 2, 42);
        FitResult fit = dap.fit("GaussianModel", null, data);
        assertEquals(Background.CONSTANT, fit.background());
        assertRecovers(fit, Map.of("amplitude", 500.0, "center", 0.3, "sigma", 0.8, "c", 10.0));
        assertEquals(2.3548 * 0.8, fit.derived().get("fwhm"), 0.01);
    }

    @Test
    void gaussianOnASlope() {
        Curve data = Synthetic.curve(x -> gaussian(x, 200, -1.5, 0.5) + 3 * x + 20, -6, 4, 151, 1.5, 7);
        assertRecovers(dap.fit("GaussianModel", Background.LINEAR, data),
                Map.of("amplitude", 200.0, "center", -1.5, "sigma", 0.5, "slope", 3.0, "intercept", 20.0));
    }

    @Test
    void lorentzianOnAConstantBackground() {
        Curve data = Synthetic.curve(x -> lorentzian(x, 300, 2.0, 0.6) + 5, -3, 7, 201, 1.0, 3);
        assertRecovers(dap.fit("LorentzianModel", Background.CONSTANT, data),
                Map.of("amplitude", 300.0, "center", 2.0, "sigma", 0.6, "c", 5.0));
    }

    @Test
    void pseudoVoigtMixesBothShapes() {
        double sg = 0.7 / Math.sqrt(2 * Math.log(2));
        Curve data = Synthetic.curve(x -> 0.6 * gaussian(x, 400, 0.5, sg) + 0.4 * lorentzian(x, 400, 0.5, 0.7) + 8, -6,
                6, 301, 1.0, 11);
        assertRecovers(dap.fit("PseudoVoigtModel", Background.CONSTANT, data),
                Map.of("amplitude", 400.0, "center", 0.5, "sigma", 0.7, "fraction", 0.4, "c", 8.0));
    }

    @Test
    void risingErrorFunctionEdge() {
        Curve data = Synthetic.curve(x -> 50 * 0.5 * (1 + Erf.erf((x - 1.2) / 0.5)) + 5, -4, 6, 101, 1.0, 5);
        assertRecovers(dap.fit("StepModel", null, data), Map.of("amplitude", 50.0, "center", 1.2, "sigma", 0.5,
                "c", 5.0));
    }

    @Test
    void fallingEdgeOnASlope() {
        Curve data = Synthetic.curve(x -> -80 * 0.5 * (1 + Erf.erf((x + 0.7) / 0.3)) + 100 + 0.5 * x, -3, 3, 121, 0.8,
                9);
        assertRecovers(dap.fit("StepModel", Background.LINEAR, data),
                Map.of("amplitude", -80.0, "center", -0.7, "sigma", 0.3, "slope", 0.5, "intercept", 100.0));
    }

    @Test
    void straightLine() {
        Curve data = Synthetic.curve(x -> 2.5 * x - 3, 0, 10, 50, 0.5, 13);
        FitResult fit = dap.fit("LinearModel", null, data);
        assertEquals(Background.NONE, fit.background());
        assertRecovers(fit, Map.of("slope", 2.5, "intercept", -3.0));
    }

    /**
     * The reported errors match the scatter of the fitted values: the pulls (fitted − truth) / error
     * of 200 noise draws have a spread of 1 within its sampling error (±0.05 for 200 draws; 0.15 allowed).
     */
    @Test
    void reportedErrorsMatchTheScatterOfRepeatedFits() {
        int draws = 200;
        double[] sums = new double[3];
        String[] names = {"amplitude", "center", "sigma"};
        double[] truth = {500, 0.3, 0.8};
        for (int seed = 0; seed < draws; seed++) {
            FitResult fit = dap.fit("GaussianModel", Background.CONSTANT,
                    Synthetic.curve(x -> gaussian(x, 500, 0.3, 0.8) + 10, -5, 5, 101, 5, 1000 + seed));
            assertTrue(fit.success(), fit.message());
            for (int k = 0; k < 3; k++) {
                FitParameter p = fit.parameter(names[k]).orElseThrow();
                double pull = (p.value() - truth[k]) / p.stderr();
                sums[k] += pull * pull;
            }
        }
        for (int k = 0; k < 3; k++) {
            double spread = Math.sqrt(sums[k] / draws);
            assertEquals(1.0, spread, 0.15, names[k] + " pull spread");
        }
    }
}
