package org.jbec.dap.internal;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.special.Erf;
import org.jbec.dap.Curve;
import org.jbec.dap.FitModel;
import org.jbec.dap.PeakStatistics;
import org.osgi.service.component.annotations.Component;

/**
 * lmfit's StepModel with {@code form='erf'}: an edge of height {@code amplitude} at {@code center},
 * rising (or, with a negative amplitude, falling) over a width {@code sigma}.
 */
@Component(service = FitModel.class, property = FitModel.MODEL_PROPERTY + "=StepModel")
public final class StepModel implements FitModel {

    /** Points averaged at each end for the levels before and after the edge. */
    private static final int END_POINTS = 3;

    @Override
    public String name() {
        return "StepModel";
    }

    @Override
    public String description() {
        return "amplitude (1 + erf((x - center) / sigma)) / 2: an error-function step (lmfit form 'erf')";
    }

    @Override
    public List<String> parameterNames() {
        return List.of("amplitude", "center", "sigma");
    }

    @Override
    public double value(double x, double[] p) {
        return p[0] * 0.5 * (1 + Erf.erf((x - p[1]) / Math.abs(p[2])));
    }

    /** The level before the edge: a falling step starts high. */
    @Override
    public double initialBaseline(Curve curve, PeakStatistics statistics) {
        return mean(curve.y(), 0, Math.min(END_POINTS, curve.size()));
    }

    /** Height from the level after the edge; width from the steepest slope, which is amplitude / (sigma √π). */
    @Override
    public double[] initialGuess(Curve curve, PeakStatistics s, double baseline) {
        double[] y = curve.y();
        int n = y.length;
        int k = Math.min(END_POINTS, n);
        double rise = mean(y, n - k, n) - mean(y, 0, k);
        double sigma = Math.abs(rise / (s.edgeSlope() * Math.sqrt(Math.PI)));
        double range = s.scanTo() - s.scanFrom();
        if (!Double.isFinite(sigma) || sigma <= 0 || sigma > range) {
            sigma = range / 10;
        }
        // the model is 0 before the edge: its amplitude is the level after it above the baseline
        return new double[] {mean(y, n - k, n) - baseline, s.edgeX(), sigma};
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }

    @Override
    public double[] canonical(double[] p) {
        return new double[] {p[0], p[1], Math.abs(p[2])};
    }

    @Override
    public Map<String, Double> derived(double[] p) {
        // 10 %–90 % rise width of an erf edge: 2 erfinv(0.8) sigma
        return Map.of("width_10_90", 2 * Erf.erfInv(0.8) * p[2]);
    }
}
