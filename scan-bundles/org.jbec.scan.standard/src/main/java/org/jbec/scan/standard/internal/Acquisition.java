package org.jbec.scan.standard.internal;

import java.util.Map;
import java.util.function.LongSupplier;

import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanRequest;

/**
 * The acquisition keyword arguments BEC's scans share (bec-behaviour.md §4.1) and the readout BEC
 * does at a point once the motors are there (§5.2 scan_core): settle, trigger, expose, settle,
 * read.
 *
 * @param clock nanoseconds, as {@link System#nanoTime()}: the exposure is measured from the moment the
 *        trigger is sent, so a slow trigger acknowledgement counts towards it (tests pass a fake clock)
 */
record Acquisition(double expTime, int framesPerTrigger, double settlingTime, double settlingTimeAfterTrigger,
        int burst, LongSupplier clock) {

    /** The common kwargs; the scan server's guard has filled in their defaults. */
    static Acquisition of(ScanRequest request, LongSupplier clock) {
        return new Acquisition(request.number("exp_time"), request.integer("frames_per_trigger"),
                request.number("settling_time"), request.number("settling_time_after_trigger"),
                request.integer("burst_at_each_point"), clock);
    }

    /**
     * time_scan's signature has only {@code exp_time} and {@code settling_time}: one frame per
     * trigger, one readout per point, nothing to wait for after the trigger.
     */
    static Acquisition ofTimeScan(ScanRequest request, LongSupplier clock) {
        return new Acquisition(request.number("exp_time"), 1, request.number("settling_time"), 0, 1, clock);
    }

    /** What every scan with points announces in prepare: the plan (published with open) and the live table. */
    static void announce(ScanContext scan, int points, long readouts) {
        scan.plan(points, readouts);
        scan.reportInstruction(Map.of("scan_progress", Map.of("points", points, "show_table", true)));
    }

    /**
     * One readout where the motors are now. The read is not awaited, as in BEC: the scan bundler
     * collects the readings, and waiting here would add a bus round trip to every point.
     */
    void readout(ScanContext scan) {
        readout(scan, false);
    }

    /**
     * One readout, as {@link #readout(ScanContext)}; {@code withNext} for a step scan, whose next
     * instruction (the move to its next point) follows at once: the read goes out with it, in one bus
     * write. Not for scans that read while something moves (the read must go out when the motor is there).
     */
    void readout(ScanContext scan, boolean withNext) {
        pause(scan, settlingTime);
        long sent = clock.getAsLong();
        scan.trigger().await();
        // the devices acknowledge the trigger before their frames are done: wait out the exposure
        long exposure = Math.round(expTime * framesPerTrigger * 1e9);
        if (exposure > 0) {
            long left = exposure - (clock.getAsLong() - sent);
            if (left > 0) {
                scan.sleep(left / 1e9);
            }
        }
        pause(scan, settlingTimeAfterTrigger);
        if (withNext) {
            scan.readMonitoredWithNext();
        } else {
            scan.readMonitored();
        }
    }

    /** Sleeps only when there is something to wait for: a zero sleep would still be a pause checkpoint. */
    private static void pause(ScanContext scan, double seconds) {
        if (seconds > 0) {
            scan.sleep(seconds);
        }
    }
}
