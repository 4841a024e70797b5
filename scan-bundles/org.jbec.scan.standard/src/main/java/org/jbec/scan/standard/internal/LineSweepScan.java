package org.jbec.scan.standard.internal;

import java.util.Map;
import java.util.function.LongSupplier;

import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanRequest;

/**
 * BEC's line_sweep_scan (bec-behaviour.md §4.2): moves to the start, then to the stop, reading out at
 * every readback update of the moving device (pausing {@code min_update} after each), and forcing a
 * readout when none came for {@code max_update} seconds (when > 0). The point count is not known in
 * advance (reported as 0).
 */
final class LineSweepScan extends SweepScan {

    private final double first;
    private final double last;
    private final double minUpdate;
    private final double maxUpdate;
    private double stop;

    LineSweepScan(ScanRequest request, LongSupplier clock) {
        super(request, clock);
        this.first = request.number(1);
        this.last = request.number(2);
        this.minUpdate = request.number("min_update");
        this.maxUpdate = request.number("max_update");
    }

    @Override
    public void prepare(ScanContext scan) {
        scan.scanReportDevices(motors());
        double origin = origin(scan);
        double start = first + origin;
        stop = last + origin;
        scan.checkLimits(device, start, stop);
        Acquisition.announce(scan, 0, 0);
        startPreMoveAndBaseline(scan, start);
    }

    @Override
    public void core(ScanContext scan) {
        InstructionStatus sweep = scan.move(Map.of(device, stop), false);
        long lastReadout = acquisition.clock().getAsLong();
        while (!sweep.done()) {
            boolean updated = scan.awaitReadbackUpdate(device, 0.05);
            if (!updated && (maxUpdate <= 0 || (acquisition.clock().getAsLong() - lastReadout) / 1e9 <= maxUpdate)) {
                continue;
            }
            acquisition.readout(scan);
            lastReadout = acquisition.clock().getAsLong();
            if (minUpdate > 0) {
                scan.sleep(minUpdate);
            }
        }
        sweep.await();
    }
}
