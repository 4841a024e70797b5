package org.jbec.scan.standard.internal;

import java.util.List;
import java.util.function.LongSupplier;

import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanRequest;

/**
 * time_scan and acquire (bec-behaviour.md §4.2): the step scans' hooks without motion. Readouts at
 * the current position, {@code points} of them with a pause between points (time_scan) or one point
 * of {@code burst_at_each_point} readouts (acquire).
 */
final class ReadoutScan implements Scan {

    private final int points;
    private final double interval;
    private final Acquisition acquisition;
    private InstructionStatus baseline;

    private ReadoutScan(int points, double interval, Acquisition acquisition) {
        this.points = points;
        this.interval = interval;
        this.acquisition = acquisition;
    }

    /** time_scan(points, interval): the pause between points is {@code max(interval − exp_time, 0)}. */
    static ReadoutScan timeScan(ScanRequest request, LongSupplier clock) {
        int points = request.integer(0);
        if (points < 1) {
            throw StepScans.error(request, "points must be at least 1, is " + points);
        }
        return new ReadoutScan(points, request.number(1), Acquisition.ofTimeScan(request, clock));
    }

    /** acquire(): one point where the motors are. */
    static ReadoutScan acquire(ScanRequest request, LongSupplier clock) {
        return new ReadoutScan(1, 0, Acquisition.of(request, clock));
    }

    @Override
    public void prepare(ScanContext scan) {
        scan.scanReportDevices(List.of()); // no motors: the live table shows the monitored devices only
        Acquisition.announce(scan, points, (long) points * acquisition.burst());
        baseline = scan.readBaseline();
    }

    @Override
    public void core(ScanContext scan) {
        double pause = Math.max(interval - acquisition.expTime(), 0);
        for (int i = 0; i < points; i++) {
            for (int b = 0; b < acquisition.burst(); b++) {
                acquisition.readout(scan);
            }
            if (pause > 0 && i < points - 1) {
                scan.sleep(pause);
            }
        }
    }

    @Override
    public void close(ScanContext scan) {
        baseline.await();
        scan.closeScan();
    }
}
