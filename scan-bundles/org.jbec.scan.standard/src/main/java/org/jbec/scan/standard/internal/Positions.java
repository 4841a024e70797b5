package org.jbec.scan.standard.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BEC's position generators (bec-behaviour.md §4.2). Every generator returns a matrix of
 * {@code num_points} rows by {@code num_motors} columns; relative scans add the motors' current
 * positions with {@link #offset}.
 */
public final class Positions {

    private Positions() {
    }

    /** numpy's linspace: {@code n} values from start to stop, both included (n = 1 gives start). */
    static double[] linspace(double start, double stop, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("steps must be at least 1, is " + n);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = n == 1 ? start : start + (stop - start) * i / (n - 1);
        }
        if (n > 1) {
            out[n - 1] = stop; // exact end point, as numpy
        }
        return out;
    }

    /** line_scan: per axis linspace(start, stop, steps), all axes together. {@code axes[k] = {start, stop}}. */
    public static double[][] line(double[][] axes, int steps) {
        double[][] columns = new double[axes.length][];
        for (int k = 0; k < axes.length; k++) {
            columns[k] = linspace(axes[k][0], axes[k][1], steps);
        }
        return transpose(columns, steps);
    }

    /** log_scan: p_i = (10^(i/(steps−1)) − 1)/9, pos = start + p_i·(stop − start) per axis. */
    public static double[][] log(double[][] axes, int steps) {
        double[][] out = new double[steps][axes.length];
        for (int i = 0; i < steps; i++) {
            double p = steps == 1 ? 0 : (Math.pow(10, (double) i / (steps - 1)) - 1) / 9;
            for (int k = 0; k < axes.length; k++) {
                out[i][k] = axes[k][0] + p * (axes[k][1] - axes[k][0]);
            }
        }
        return out;
    }

    /**
     * grid_scan: {@code axes[k] = {start, stop, steps}}; the first axis is the fastest, the last the
     * slowest; snaked reverses the faster sub-sequence at odd indices of each slower axis.
     */
    public static double[][] grid(double[][] axes, boolean snaked) {
        List<double[]> points = new ArrayList<>();
        grid(axes, axes.length - 1, new double[axes.length], false, snaked, points);
        return points.toArray(new double[0][]);
    }

    private static void grid(double[][] axes, int level, double[] current, boolean reversed, boolean snaked,
            List<double[]> out) {
        double[] values = linspace(axes[level][0], axes[level][1], (int) axes[level][2]);
        if (reversed) {
            values = reverse(values);
        }
        for (int i = 0; i < values.length; i++) {
            current[level] = values[i];
            if (level == 0) {
                out.add(current.clone());
            } else {
                grid(axes, level - 1, current, snaked && i % 2 == 1, snaked, out);
            }
        }
    }

    /** list_scan: the given lists as columns (equal lengths). */
    public static double[][] list(double[][] columns) {
        int n = columns[0].length;
        for (double[] c : columns) {
            if (c.length != n) {
                throw new IllegalArgumentException("list_scan: all position lists must have the same length");
            }
        }
        return transpose(columns, n);
    }

    /** fermat_scan (without path optimisation): points of a Fermat spiral inside both ranges. */
    public static double[][] fermat(double start1, double stop1, double start2, double stop2, double step,
            int spiralType) {
        double phi = 2 * Math.PI * (1 + Math.sqrt(5)) / 2 + spiralType * Math.PI;
        double c1 = (start1 + stop1) / 2;
        double c2 = (start2 + stop2) / 2;
        long n = (long) Math.ceil(Math.abs(stop1 - start1) * Math.abs(stop2 - start2) * 3.2 / (step * step));
        List<double[]> out = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            double r = step * Math.sqrt(i) / Math.sqrt(Math.PI);
            double x = c1 + r * Math.cos(i * phi);
            double y = c2 + r * Math.sin(i * phi);
            if (within(x, start1, stop1) && within(y, start2, stop2)) {
                out.add(new double[] {x, y});
            }
        }
        return out.toArray(new double[0][]);
    }

    /** round_scan, with BEC's sign convention: (r·sin θ + c1, r·cos θ + c2). */
    public static double[][] round(double inner, double outer, int rings, int posInFirstRing, double c1, double c2) {
        double dr = (inner - outer) / rings;
        List<double[]> out = new ArrayList<>();
        for (int k = 1; k <= rings + 1; k++) {
            double r = inner + k * dr;
            int n = posInFirstRing * k;
            for (int j = 0; j < n; j++) {
                double theta = 2 * Math.PI * j / n;
                out.add(new double[] {r * Math.sin(theta) + c1, r * Math.cos(theta) + c2});
            }
        }
        return out.toArray(new double[0][]);
    }

    /** round_roi_scan: shells of spacing {@code shell} around the centre, clipped to the rectangle. */
    public static double[][] roundRoi(double start1, double stop1, double start2, double stop2, double shell,
            int posInFirstRing, double c1, double c2) {
        double maxDistance = 0;
        for (double x : new double[] {start1, stop1}) {
            for (double y : new double[] {start2, stop2}) {
                maxDistance = Math.max(maxDistance, Math.hypot(x - c1, y - c2));
            }
        }
        int shells = 1 + (int) Math.ceil(maxDistance / shell);
        List<double[]> out = new ArrayList<>();
        for (int k = 1; k <= shells + 1; k++) {
            double r = k * shell;
            int n = posInFirstRing * k;
            for (int j = 0; j < n; j++) {
                double theta = 2 * Math.PI * j / n;
                double x = c1 + r * Math.cos(theta);
                double y = c2 + r * Math.sin(theta);
                if (within(x, start1, stop1) && within(y, start2, stop2)) {
                    out.add(new double[] {x, y});
                }
            }
        }
        return out.toArray(new double[0][]);
    }

    /** hexagonal_scan: rows step2 apart, odd rows shifted by step1/2, points inside both ranges. */
    public static double[][] hexagonal(double start1, double stop1, double step1, double start2, double stop2,
            double step2, boolean snaked) {
        List<double[]> out = new ArrayList<>();
        int rows = (int) Math.ceil((stop2 - start2) / step2) + 1;
        int columns = (int) Math.ceil((stop1 - start1) / step1) + 1;
        for (int j = 0; j <= rows; j++) {
            double y = start2 + j * step2;
            double shift = j % 2 == 1 ? step1 / 2 : 0;
            List<double[]> row = new ArrayList<>();
            for (int c = 0; c <= columns; c++) {
                double x = start1 + shift + c * step1;
                if (within(x, start1, stop1) && within(y, start2, stop2)) {
                    row.add(new double[] {x, y});
                }
            }
            if (snaked && j % 2 == 1) {
                java.util.Collections.reverse(row);
            }
            out.addAll(row);
        }
        return out.toArray(new double[0][]);
    }

    /** multi_region_line_scan: regions {start, stop, steps} concatenated; a repeated first point is dropped. */
    public static double[][] multiRegionLine(double[][] regions) {
        List<double[]> out = new ArrayList<>();
        for (double[] region : regions) {
            double[] values = linspace(region[0], region[1], (int) region[2]);
            for (int i = 0; i < values.length; i++) {
                if (i == 0 && !out.isEmpty() && isClose(out.get(out.size() - 1)[0], values[0])) {
                    continue;
                }
                out.add(new double[] {values[i]});
            }
        }
        return out.toArray(new double[0][]);
    }

    /**
     * multi_region_grid_scan: per region {{s1, e1, n1}, {s2, e2, n2}}, for each axis-2 value k the
     * axis-1 values (reversed for odd k when snaked), first axis fastest; regions concatenated.
     */
    public static double[][] multiRegionGrid(double[][][] regions, boolean snaked) {
        List<double[]> out = new ArrayList<>();
        for (double[][] region : regions) {
            double[] first = linspace(region[0][0], region[0][1], (int) region[0][2]);
            double[] second = linspace(region[1][0], region[1][1], (int) region[1][2]);
            for (int k = 0; k < second.length; k++) {
                double[] row = snaked && k % 2 == 1 ? reverse(first) : first;
                for (double x : row) {
                    out.add(new double[] {x, second[k]});
                }
            }
        }
        return out.toArray(new double[0][]);
    }

    /** Relative scans: the motors' current positions added column-wise. */
    public static double[][] offset(double[][] positions, double[] current) {
        double[][] out = new double[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            out[i] = positions[i].clone();
            for (int k = 0; k < current.length; k++) {
                out[i][k] += current[k];
            }
        }
        return out;
    }

    private static boolean within(double v, double a, double b) {
        return v >= Math.min(a, b) && v <= Math.max(a, b);
    }

    /** numpy's isclose with its default tolerances. */
    static boolean isClose(double a, double b) {
        return Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
    }

    private static double[] reverse(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[values.length - 1 - i];
        }
        return out;
    }

    private static double[][] transpose(double[][] columns, int n) {
        double[][] out = new double[n][columns.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < columns.length; k++) {
                out[i][k] = columns[k][i];
            }
        }
        return out;
    }

    static String show(double[][] positions) {
        return Arrays.deepToString(positions);
    }
}
