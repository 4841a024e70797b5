package org.jbec.scan.standard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.jbec.scan.api.ScanException;
import org.jbec.scan.api.ScanRequest;

/**
 * The step scans of BEC's catalogue (bec-behaviour.md §4.1): each reads its arguments when created,
 * so that arguments the signature cannot express as wrong (unequal lists, zero steps, an empty
 * region) fail the queue item before anything happens, and names its generator (§4.2).
 */
final class StepScans {

    private StepScans() {
    }

    /** line_scan: bundles (device, start, stop), {@code steps} points, all axes together. */
    static final class Line extends StepScan {
        private final double[][] bundle;
        private final int steps;

        Line(ScanRequest r, LongSupplier clock) {
            super(r, devices(r, 3), clock);
            bundle = bundleNumbers(r, 3);
            steps = positive(r, r.integer("steps"), "steps");
        }

        @Override
        protected double[][] positions() {
            return Positions.line(bundle, steps);
        }
    }

    /** log_scan: bundles (device, start, stop), logarithmic spacing. */
    static final class Log extends StepScan {
        private final double[][] bundle;
        private final int steps;

        Log(ScanRequest r, LongSupplier clock) {
            super(r, devices(r, 3), clock);
            bundle = bundleNumbers(r, 3);
            steps = positive(r, r.integer("steps"), "steps");
        }

        @Override
        protected double[][] positions() {
            return Positions.log(bundle, steps);
        }
    }

    /** grid_scan: bundles (device, start, stop, steps), the first motor fastest. */
    static final class Grid extends StepScan {
        private final double[][] bundle;
        private final boolean snaked;

        Grid(ScanRequest r, LongSupplier clock) {
            super(r, devices(r, 4), clock);
            bundle = bundleNumbers(r, 4);
            for (int k = 0; k < bundle.length; k++) {
                positive(r, (int) bundle[k][2], "steps of " + r.device(4 * k));
            }
            snaked = r.flag("snaked");
        }

        @Override
        protected double[][] positions() {
            return Positions.grid(bundle, snaked);
        }
    }

    /** list_scan: bundles (device, positions), lists of equal length. */
    static final class ListScan extends StepScan {
        private final double[][] columns;

        ListScan(ScanRequest r, LongSupplier clock) {
            super(r, devices(r, 2), clock);
            columns = new double[r.args().size() / 2][];
            for (int k = 0; k < columns.length; k++) {
                columns[k] = values(r, r.list(2 * k + 1), "positions of " + r.device(2 * k));
                if (columns[k].length == 0 || columns[k].length != columns[0].length) {
                    throw error(r, "the position lists must be non-empty and of equal length");
                }
            }
        }

        @Override
        protected double[][] positions() {
            return Positions.list(columns);
        }
    }

    /** fermat_scan: motor1, start1, stop1, motor2, start2, stop2, step. */
    static final class Fermat extends StepScan {
        private final double[] a;
        private final int spiralType;

        Fermat(ScanRequest r, LongSupplier clock) {
            super(r, List.of(r.device(0), r.device(3)), clock);
            a = at(r, 1, 2, 4, 5, 6);
            spiralType = r.integer("spiral_type");
            if (r.has("optim_trajectory")) {
                // BEC reorders the spiral points (corridor/shell/nearest); jBEC has only the plain spiral
                throw error(r, "optim_trajectory '" + r.string("optim_trajectory")
                        + "' is not implemented in jBEC yet; leave it None for the plain spiral");
            }
        }

        @Override
        protected double[][] positions() {
            return Positions.fermat(a[0], a[1], a[2], a[3], a[4], spiralType);
        }
    }

    /** round_scan: motor_1, motor_2, inner_radius, outer_radius, number_of_rings, pos_in_first_ring. */
    static final class Round extends StepScan {
        private final double[] a;
        private final int rings;
        private final int firstRing;
        private final double[] centre;

        Round(ScanRequest r, LongSupplier clock) {
            super(r, List.of(r.device(0), r.device(1)), clock);
            a = at(r, 2, 3);
            rings = positive(r, r.integer(4), "number_of_rings");
            firstRing = positive(r, r.integer(5), "pos_in_first_ring");
            centre = new double[] {r.number("center_1"), r.number("center_2")};
        }

        @Override
        protected double[][] positions() {
            return Positions.round(a[0], a[1], rings, firstRing, centre[0], centre[1]);
        }
    }

    /** round_roi_scan: motor_1, start, stop, motor_2, start, stop, shell_spacing, pos_in_first_ring. */
    static final class RoundRoi extends StepScan {
        private final double[] a;
        private final int firstRing;
        private final double[] centre;

        RoundRoi(ScanRequest r, LongSupplier clock) {
            super(r, List.of(r.device(0), r.device(3)), clock);
            a = at(r, 1, 2, 4, 5, 6);
            firstRing = positive(r, r.integer(7), "pos_in_first_ring");
            centre = new double[] {r.number("center_1"), r.number("center_2")};
        }

        @Override
        protected double[][] positions() {
            return Positions.roundRoi(a[0], a[1], a[2], a[3], a[4], firstRing, centre[0], centre[1]);
        }
    }

    /** hexagonal_scan: motor1, start, stop, step, motor2, start, stop, step. */
    static final class Hexagonal extends StepScan {
        private final double[] a;
        private final boolean snaked;

        Hexagonal(ScanRequest r, LongSupplier clock) {
            super(r, List.of(r.device(0), r.device(4)), clock);
            a = at(r, 1, 2, 3, 5, 6, 7);
            snaked = r.flag("snaked");
        }

        @Override
        protected double[][] positions() {
            return Positions.hexagonal(a[0], a[1], a[2], a[3], a[4], a[5], snaked);
        }
    }

    /** multi_region_line_scan: motor, regions [(start, stop, steps), …]. */
    static final class MultiRegionLine extends StepScan {
        private final double[][] regions;

        MultiRegionLine(ScanRequest r, LongSupplier clock) {
            super(r, List.of(r.device(0)), clock);
            regions = regions(r, r.list(1));
        }

        @Override
        protected double[][] positions() {
            return Positions.multiRegionLine(regions);
        }
    }

    /** multi_region_grid_scan: motor1, motor2, regions [((s1, e1, n1), (s2, e2, n2)), …]. */
    static final class MultiRegionGrid extends StepScan {
        private final double[][][] regions;
        private final boolean snaked;

        MultiRegionGrid(ScanRequest r, LongSupplier clock) {
            super(r, List.of(r.device(0), r.device(1)), clock);
            List<?> given = nonEmpty(r, r.list(2));
            regions = new double[given.size()][][];
            for (int i = 0; i < regions.length; i++) {
                if (!(given.get(i) instanceof List<?> pair) || pair.size() != 2) {
                    throw error(r, "regions[" + i + "] must be ((start1, stop1, steps1), (start2, stop2, steps2))");
                }
                regions[i] = regions(r, pair);
            }
            snaked = r.flag("snaked");
        }

        @Override
        protected double[][] positions() {
            return Positions.multiRegionGrid(regions, snaked);
        }
    }

    /** The devices leading each bundle of {@code size} positional values. */
    private static List<String> devices(ScanRequest r, int size) {
        int n = r.args().size();
        if (n == 0 || n % size != 0) {
            throw error(r, "arguments come in bundles of " + size + ", " + n + " given");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i += size) {
            out.add(r.device(i));
        }
        return out;
    }

    /** The numbers after the device of each bundle. */
    private static double[][] bundleNumbers(ScanRequest r, int size) {
        double[][] out = new double[r.args().size() / size][size - 1];
        for (int k = 0; k < out.length; k++) {
            for (int j = 1; j < size; j++) {
                out[k][j - 1] = r.number(k * size + j);
            }
        }
        return out;
    }

    /** The positional numbers at the given indices. */
    private static double[] at(ScanRequest r, int... indices) {
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = r.number(indices[i]);
        }
        return out;
    }

    /** (start, stop, steps) triples, steps at least 1. */
    private static double[][] regions(ScanRequest r, List<?> given) {
        double[][] out = new double[nonEmpty(r, given).size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = given.get(i) instanceof List<?> l ? values(r, l, "region " + i) : new double[0];
            if (out[i].length != 3) {
                throw error(r, "region " + i + " must be (start, stop, steps), is " + given.get(i));
            }
            positive(r, (int) out[i][2], "steps of region " + i);
        }
        return out;
    }

    private static double[] values(ScanRequest r, List<?> list, String what) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number n)) {
                throw error(r, what + " must hold numbers, has " + list.get(i));
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private static List<?> nonEmpty(ScanRequest r, List<?> regions) {
        if (regions.isEmpty()) {
            throw error(r, "regions must not be empty");
        }
        return regions;
    }

    private static int positive(ScanRequest r, int value, String what) {
        if (value < 1) {
            throw error(r, what + " must be at least 1, is " + value);
        }
        return value;
    }

    static ScanException error(ScanRequest r, String problem) {
        return new ScanException("ScanArgumentError", r.scanName() + ": " + problem);
    }
}
