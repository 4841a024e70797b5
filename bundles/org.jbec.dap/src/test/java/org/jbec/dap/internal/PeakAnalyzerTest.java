package org.jbec.dap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.special.Erf;
import org.jbec.dap.Curve;
import org.jbec.dap.PeakStatistics;
import org.junit.jupiter.api.Test;

class PeakAnalyzerTest {

    private static double gaussian(double x, double c, double s) {
        return 100 * Math.exp(-(x - c) * (x - c) / (2 * s * s));
    }

    @Test
    void noiseFreeGaussianOnABackground() {
        Curve data = Synthetic.curve(x -> gaussian(x, 1.3, 0.5) + 20, -3, 5, 401, 0, 1);
        PeakStatistics s = PeakAnalyzer.analyse(data);
        assertTrue(s.ok(), s.problem());
        assertEquals(1.3, s.peakX(), 0.01);
        assertEquals(120, s.peakY(), 0.01);
        assertEquals(1.3, s.cen(), 1e-3);
        assertEquals(2.3548 * 0.5, s.fwhm(), 2e-3);
        assertEquals(1.3, s.com(), 1e-3);
        assertEquals(20, s.minY(), 0.01);
        assertEquals(-3, s.scanFrom());
        assertEquals(5, s.scanTo());
        // a Gaussian is steepest one sigma from its centre
        assertEquals(0.5, Math.abs(s.edgeX() - 1.3), 0.02);
    }

    @Test
    void aScanRunningDownwardsGivesTheSameAnswer() {
        Curve up = Synthetic.curve(x -> gaussian(x, -0.4, 0.3), -2, 2, 81, 0, 1);
        double[] x = up.x().clone();
        double[] y = up.y().clone();
        for (int i = 0; i < x.length / 2; i++) {
            int j = x.length - 1 - i;
            double t = x[i]; x[i] = x[j]; x[j] = t;
            t = y[i]; y[i] = y[j]; y[j] = t;
        }
        assertEquals(PeakAnalyzer.analyse(up).cen(), PeakAnalyzer.analyse(new Curve(x, y)).cen(), 1e-12);
    }

    @Test
    void errorFunctionEdgeIsFoundByTheDerivative() {
        Curve data = Synthetic.curve(x -> 10 + 40 * (1 + Erf.erf((x - 0.8) / 0.2)) / 2, -2, 2, 201, 0, 1);
        PeakStatistics s = PeakAnalyzer.analyse(data);
        assertEquals(0.8, s.edgeX(), 0.01);
        assertEquals(40 / (0.2 * Math.sqrt(Math.PI)), s.edgeSlope(), 1);
    }

    @Test
    void aPeakCutOffByTheScanHasNoCentre() {
        PeakStatistics s = PeakAnalyzer.analyse(Synthetic.curve(x -> gaussian(x, 2, 0.5), -2, 2, 41, 0, 1));
        assertTrue(s.ok());
        assertTrue(Double.isNaN(s.cen()) && Double.isNaN(s.fwhm()));
        assertTrue(s.note().contains("right side"), s.note());
        assertEquals(2, s.peakX());
    }

    @Test
    void centreOfMassWeighsUnevenStepsByTheirWidth() {
        // a Gaussian sampled four times as densely left of its centre: a plain sum would be pulled left
        java.util.List<Double> xs = new java.util.ArrayList<>();
        for (double x = -4; x < 0; x += 0.05) {
            xs.add(x);
        }
        for (double x = 0; x <= 4; x += 0.2) {
            xs.add(x);
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = java.util.Arrays.stream(x).map(v -> gaussian(v, 0, 0.8)).toArray();
        assertEquals(0, PeakAnalyzer.analyse(new Curve(x, y)).com(), 0.01);
    }
}
