package org.jbec.dap.internal;

import org.jbec.dap.Curve;
import org.jbec.dap.PeakStatistics;

/**
 * SPEC-style peak statistics. The half maximum and the centre-of-mass weights are taken above the
 * lowest value, so that a constant background does not pull the centre of mass towards the middle
 * of the scan.
 */
final class PeakAnalyzer {

    static final int MIN_POINTS = 3;

    private PeakAnalyzer() {
    }

    static PeakStatistics analyse(Curve raw) {
        CleanCurve clean = CleanCurve.of(raw);
        if (clean.size() < MIN_POINTS) {
            return PeakStatistics.failed(clean.size(), "too few points: " + clean.describe() + ", need at least "
                    + MIN_POINTS);
        }
        double[] x = clean.curve().x();
        double[] y = clean.curve().y();
        int n = x.length;
        if (x[0] == x[n - 1]) {
            return PeakStatistics.failed(n, "the axis did not move: every x is " + x[0]);
        }
        int top = 0;
        int bottom = 0;
        for (int i = 1; i < n; i++) {
            top = y[i] > y[top] ? i : top;
            bottom = y[i] < y[bottom] ? i : bottom;
        }
        if (y[top] == y[bottom]) {
            return PeakStatistics.failed(n, "flat data: all " + n + " values are " + y[top]);
        }
        double half = y[bottom] + (y[top] - y[bottom]) / 2;
        double left = crossing(x, y, top, -1, half);
        double right = crossing(x, y, top, +1, half);
        String note = null;
        if (Double.isNaN(left) || Double.isNaN(right)) {
            note = "the peak does not fall to half maximum on its " + (Double.isNaN(left) ? "left" : "right")
                    + " side within the scan: no FWHM, no centre";
        }
        double[] edge = steepest(x, y);
        return new PeakStatistics(n, x[top], y[top], x[bottom], y[bottom], (left + right) / 2, right - left,
                centreOfMass(x, y, y[bottom]), edge[0], edge[1], x[0], x[n - 1], note, null);
    }

    /** Where y first falls below {@code level} walking from the peak, linearly interpolated; NaN if never. */
    private static double crossing(double[] x, double[] y, int peak, int step, double level) {
        for (int i = peak; i + step >= 0 && i + step < x.length; i += step) {
            int j = i + step;
            if (y[j] < level) {
                return x[i] + (x[j] - x[i]) * (y[i] - level) / (y[i] - y[j]);
            }
        }
        return Double.NaN;
    }

    /** Trapezoidal centre of mass of {@code y - base}: uneven steps weigh by the width they cover. */
    private static double centreOfMass(double[] x, double[] y, double base) {
        double moment = 0;
        double mass = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double dx = x[i + 1] - x[i];
            double w0 = y[i] - base;
            double w1 = y[i + 1] - base;
            mass += (w0 + w1) / 2 * dx;
            moment += (w0 * x[i] + w1 * x[i + 1]) / 2 * dx;
        }
        return moment / mass;
    }

    /** The midpoint and slope of the steepest step between neighbouring points (repeated x skipped). */
    private static double[] steepest(double[] x, double[] y) {
        double bestX = Double.NaN;
        double bestSlope = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            double dx = x[i + 1] - x[i];
            if (dx > 0) {
                double slope = (y[i + 1] - y[i]) / dx;
                if (Double.isNaN(bestX) || Math.abs(slope) > Math.abs(bestSlope)) {
                    bestX = (x[i] + x[i + 1]) / 2;
                    bestSlope = slope;
                }
            }
        }
        return new double[] {bestX, bestSlope};
    }
}
