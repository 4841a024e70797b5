package org.jbec.scan.standard.internal;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanRequest;

/**
 * Scans that read out while one motor moves (BEC's cont_line_scan and line_sweep_scan): the hooks
 * they share with the step scans — pre-move and baseline in prepare, return to the start of a
 * relative scan in post and on an exception — around a core of their own.
 */
abstract class SweepScan implements Scan {

    protected final String name;
    protected final String device;
    protected final boolean relative;
    protected final Acquisition acquisition;
    /** The readback before the scan; only read for relative scans. */
    private double start;
    private InstructionStatus preMove;
    private InstructionStatus baseline;

    SweepScan(ScanRequest request, LongSupplier clock) {
        this.name = request.scanName();
        this.device = request.device(0);
        this.relative = request.flag("relative");
        // BEC's trigger_and_read at each point: one frame set, no settling
        this.acquisition = new Acquisition(request.number("exp_time"), request.integer("frames_per_trigger"), 0, 0,
                1, clock);
    }

    /** The offset relative positions get: the motor's readback before the scan (0 when absolute). */
    protected double origin(ScanContext scan) {
        if (relative) {
            start = scan.position(device);
            return start;
        }
        return 0;
    }

    /** Starts the pre-move and the baseline read; both are awaited later. */
    protected void startPreMoveAndBaseline(ScanContext scan, double target) {
        preMove = scan.move(Map.of(device, target), false);
        baseline = scan.readBaseline();
    }

    @Override
    public void preScan(ScanContext scan) {
        preMove.await();
        scan.preScan().await();
    }

    @Override
    public void post(ScanContext scan) {
        InstructionStatus completing = scan.complete();
        if (relative) {
            scan.move(Map.of(device, start), false).await();
        }
        completing.await();
    }

    @Override
    public void close(ScanContext scan) {
        baseline.await();
        scan.closeScan();
    }

    @Override
    public void onException(ScanContext scan, RuntimeException cause) {
        if (relative && preMove != null) {
            scan.move(Map.of(device, start), false).await();
        }
    }

    protected List<String> motors() {
        return List.of(device);
    }

    protected static double number(Object value, String what) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new org.jbec.scan.api.ScanException("ScanAbortion", what + " is not a number: " + value);
    }
}
