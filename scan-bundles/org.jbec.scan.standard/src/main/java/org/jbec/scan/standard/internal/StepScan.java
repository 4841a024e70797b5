package org.jbec.scan.standard.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanException;
import org.jbec.scan.api.ScanRequest;

/**
 * BEC's step scans (bec-behaviour.md §5.2, line_scan as the reference): the motors go to each row of
 * a positions matrix and the scan reads out there. Subclasses supply the motors and the matrix.
 *
 * <p>One object serves one run (the scan server calls {@code create} per queue item), so the state
 * kept between hooks (positions, start positions, pending statuses) never leaks into another run.
 */
abstract class StepScan implements Scan {

    private final String name;
    private final List<String> motors;
    private final boolean relative;
    private final Acquisition acquisition;

    private double[][] points;
    /** The readbacks before the scan; only read for relative scans. */
    private double[] start;
    /** Null until the first move was sent: a run that never moved has nothing to return from. */
    private InstructionStatus preMove;
    private InstructionStatus baseline;

    StepScan(ScanRequest request, List<String> motors, LongSupplier clock) {
        this.name = request.scanName();
        this.motors = List.copyOf(motors);
        this.relative = request.flag("relative");
        this.acquisition = Acquisition.of(request, clock);
    }

    /** One row per point, one column per motor (in the order given); relative scans as offsets. */
    protected abstract double[][] positions();

    @Override
    public void prepare(ScanContext scan) {
        scan.scanReportDevices(motors);
        double[][] p = positions();
        if (p.length == 0) {
            throw new ScanException("ScanArgumentError", name + ": the arguments give no positions");
        }
        if (relative) {
            start = new double[motors.size()];
            for (int k = 0; k < start.length; k++) {
                start[k] = scan.position(motors.get(k));
            }
            p = Positions.offset(p, start);
        }
        // every target of every motor before anything moves: a LimitError leaves the motors alone
        for (int k = 0; k < motors.size(); k++) {
            scan.checkLimits(motors.get(k), column(p, k));
        }
        points = p;
        Acquisition.announce(scan, p.length, (long) p.length * acquisition.burst());
        // started now, awaited in preScan: the motors travel while the devices stage
        preMove = scan.move(targets(p[0]), false);
        baseline = scan.readBaseline();
    }

    @Override
    public void preScan(ScanContext scan) {
        preMove.await();
        scan.preScan().await();
    }

    @Override
    public void core(ScanContext scan) {
        double[] previous = points[0]; // the pre-move went there already
        for (double[] point : points) {
            Map<String, Double> changed = changed(previous, point);
            if (!changed.isEmpty()) {
                scan.move(changed, false).await();
            }
            previous = point;
            for (int b = 0; b < acquisition.burst(); b++) {
                acquisition.readout(scan, true);
            }
        }
    }

    @Override
    public void post(ScanContext scan) {
        scan.complete().await();
        if (relative) {
            scan.move(targets(start), false).await();
        }
    }

    @Override
    public void close(ScanContext scan) {
        baseline.await();
        scan.closeScan();
    }

    /**
     * Relative scans return to where they started. Only after something moved: when prepare failed
     * before the pre-move (a LimitError, say), the motors are still at the start.
     */
    @Override
    public void onException(ScanContext scan, RuntimeException cause) {
        if (relative && preMove != null) {
            scan.move(targets(start), false).await();
        }
    }

    /** Motor to target, in motor order so that the set instructions go out in a stable order. */
    private Map<String, Double> targets(double[] row) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < motors.size(); k++) {
            out.put(motors.get(k), row[k]);
        }
        return out;
    }

    /** Only the motors whose target changed: a grid's slow axis stays put while the fast one runs. */
    private Map<String, Double> changed(double[] previous, double[] row) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < motors.size(); k++) {
            if (Double.compare(previous[k], row[k]) != 0) {
                out.put(motors.get(k), row[k]);
            }
        }
        return out;
    }

    private static double[] column(double[][] p, int k) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][k];
        }
        return out;
    }
}
