package org.jbec.dap.internal;

import java.util.Arrays;
import java.util.Optional;

import org.jbec.dap.Curve;

/**
 * Which curve of a scan to analyse: the named signal (or, when none is named, the monitored signal
 * that stands out most from its own baseline) against the scan motor.
 *
 * @param scan   the scan
 * @param axis   the x axis: the scan motor
 * @param signal the y signal
 * @param chosen whether the signal was chosen here rather than named by the caller
 * @param curve  the data, point by point
 */
record SignalChoice(ScanRecord scan, String axis, String signal, boolean chosen, Curve curve) {

    /** @throws DapProblem naming what is missing */
    static SignalChoice of(ScanRecord scan, String axis, String signal) {
        String x = axis != null ? axis : scan.motor().orElseThrow(() -> new DapProblem("scan "
                + describe(scan) + " has no scan motor (no report device): name the x axis"));
        if (signal != null) {
            Curve curve = scan.curve(x, signal).orElseThrow(() -> new DapProblem("scan " + describe(scan)
                    + " has no data for " + (scan.series(x).isEmpty() ? x : signal) + "; monitored: "
                    + String.join(", ", scan.monitored())));
            return new SignalChoice(scan, x, signal, false, curve);
        }
        SignalChoice best = null;
        double bestScore = -1;
        for (String candidate : scan.monitored()) {
            Optional<Curve> curve = scan.curve(x, candidate);
            double score = curve.map(c -> prominence(c.y())).orElse(-1.0);
            if (score > bestScore) {
                bestScore = score;
                best = new SignalChoice(scan, x, candidate, true, curve.get());
            }
        }
        if (best == null) {
            throw new DapProblem("scan " + describe(scan) + " has no monitored signal to analyse");
        }
        return best;
    }

    /**
     * Range over the typical point-to-point roughness (median absolute second difference): large
     * for a smooth peak or edge, about 1 for a signal that only fluctuates, however the points are
     * spread over the scan.
     */
    static double prominence(double[] y) {
        double[] finite = Arrays.stream(y).filter(Double::isFinite).toArray();
        if (finite.length < PeakAnalyzer.MIN_POINTS) {
            return -1;
        }
        double[] roughness = new double[finite.length - 2];
        for (int i = 1; i + 1 < finite.length; i++) {
            roughness[i - 1] = Math.abs(finite[i + 1] - 2 * finite[i] + finite[i - 1]);
        }
        Arrays.sort(roughness);
        double range = Arrays.stream(finite).max().getAsDouble() - Arrays.stream(finite).min().getAsDouble();
        return range == 0 ? 0 : range / (roughness[roughness.length / 2] + 1e-9 * range);
    }

    static String describe(ScanRecord scan) {
        return scan.scanNumber() > 0 ? Long.toString(scan.scanNumber()) : scan.scanId();
    }

    /** "scan 3: gauss_bpm against samx, 51 points" (saying when the signal was chosen here). */
    String title() {
        return "scan " + describe(scan) + ": " + signal + (chosen ? " (the most prominent monitored signal)" : "")
                + " against " + axis + ", " + curve.size() + " points" + (scan.running() ? " so far" : "");
    }
}
