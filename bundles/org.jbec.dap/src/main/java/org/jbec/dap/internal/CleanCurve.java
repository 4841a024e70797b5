package org.jbec.dap.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.jbec.dap.Curve;

/**
 * A curve reduced to its finite points, sorted by x (a scan may run downwards; half-maximum
 * crossings and derivatives need increasing x), with how many points were dropped.
 */
record CleanCurve(Curve curve, int dropped) {

    static CleanCurve of(Curve raw) {
        double[] x = raw.x();
        double[] y = raw.y();
        int[] order = IntStream.range(0, x.length).filter(i -> Double.isFinite(x[i]) && Double.isFinite(y[i]))
                .boxed().sorted(Comparator.comparingDouble(i -> x[i])).mapToInt(Integer::intValue).toArray();
        double[] sx = Arrays.stream(order).mapToDouble(i -> x[i]).toArray();
        double[] sy = Arrays.stream(order).mapToDouble(i -> y[i]).toArray();
        return new CleanCurve(new Curve(sx, sy), x.length - order.length);
    }

    int size() {
        return curve.size();
    }

    /** "N usable points (M dropped as NaN or infinite)". */
    String describe() {
        return size() + " usable point" + (size() == 1 ? "" : "s")
                + (dropped > 0 ? " (" + dropped + " dropped as NaN or infinite)" : "");
    }
}
