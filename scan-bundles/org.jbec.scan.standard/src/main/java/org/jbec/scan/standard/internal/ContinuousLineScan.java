package org.jbec.scan.standard.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanException;
import org.jbec.scan.api.ScanRequest;

/**
 * BEC's cont_line_scan (bec-behaviour.md §4.2): the motor moves once from just before the first point
 * to the last, and the scan triggers and reads whenever the readback comes within {@code atol} of the
 * next point. Offset and tolerance default from the motor's velocity, acceleration and precision as
 * in BEC. Unlike BEC, a descending scan works: a point counts as skipped when the readback has passed
 * it in the direction of motion (BEC assumes ascending motion).
 */
final class ContinuousLineScan extends SweepScan {

    /** BEC's assumed readback update rate (Hz) and tolerance factor. */
    private static final double UPDATE_FREQUENCY = 10;
    private static final double TOLERANCE = 0.1;
    /** How long a stopped motor may sit short of a point before the scan gives up. */
    private static final double STALLED_SECONDS = 2;

    private final double first;
    private final double last;
    private final int steps;
    private Double offset;
    private Double atol;
    private double[] points;

    ContinuousLineScan(ScanRequest request, LongSupplier clock) {
        super(request, clock);
        this.first = request.number(1);
        this.last = request.number(2);
        this.steps = request.integer(3);
        if (steps < 2) {
            throw StepScans.error(request, "a continuous line needs at least 2 steps, " + steps + " given");
        }
        this.offset = request.has("offset") ? request.number("offset") : null;
        this.atol = request.has("atol") ? request.number("atol") : null;
    }

    @Override
    public void prepare(ScanContext scan) {
        scan.scanReportDevices(motors());
        double velocity = number(scan.signal(device, "velocity"), device + ".velocity");
        double acceleration = number(scan.signal(device, "acceleration"), device + ".acceleration");
        points = Positions.linspace(first, last, steps);
        double origin = origin(scan);
        for (int i = 0; i < points.length; i++) {
            points[i] += origin;
        }
        double step = Math.abs(points[1] - points[0]);
        if (offset == null) {
            offset = 0.5 * acceleration * velocity;
        }
        // the offset lies before the first point in the direction of motion
        offset = Math.copySign(Math.abs(offset), points[1] - points[0]);
        if (atol == null) {
            double precision = Math.pow(10, -scan.precision(device));
            double a = Math.max(TOLERANCE * velocity * acquisition.expTime(), 2 * precision);
            if (a / UPDATE_FREQUENCY > velocity) {
                throw new ScanException("ScanAbortion", String.format(Locale.ROOT, "Motor %s is moving too fast with "
                        + "the calculated tolerance. Consider reducing speed %s or increasing the atol %s", device,
                        velocity, a), device);
            }
            atol = Math.max(a, 2 / UPDATE_FREQUENCY * velocity);
        }
        double timePerStep = step / velocity;
        if (timePerStep < acquisition.expTime()) {
            throw new ScanException("ScanAbortion", String.format(Locale.ROOT, "Motor %s is moving too fast. Time per "
                    + "step: %.3f < Exp_time: %.3f. Consider reducing speed %s or reducing exp_time %s", device,
                    timePerStep, acquisition.expTime(), velocity, acquisition.expTime()), device);
        }
        checkLimitsWithOffset(scan);
        Acquisition.announce(scan, points.length, points.length);
        startPreMoveAndBaseline(scan, points[0] - offset);
    }

    /** Every point, the first one moved back by the offset: that is where the motor starts. */
    private void checkLimitsWithOffset(ScanContext scan) {
        double[] targets = points.clone();
        targets[0] -= offset;
        try {
            scan.checkLimits(device, targets);
        } catch (ScanException e) {
            throw new ScanException("LimitError", e.getMessage() + " (offset " + offset + " included)", device);
        }
    }

    @Override
    public void core(ScanContext scan) {
        scan.move(Map.of(device, points[0] - offset), false).await();
        InstructionStatus sweep = scan.move(Map.of(device, points[points.length - 1]), false);
        double direction = Math.signum(points[points.length - 1] - points[0]);
        int index = 0;
        double stalled = 0;
        while (index < points.length) {
            double position = scan.position(device);
            double target = points[index];
            if (isClose(position, target, atol)) {
                acquisition.readout(scan);
                index++;
                continue;
            }
            if ((position - target) * direction > 0) {
                throw new ScanException("ScanAbortion", String.format(Locale.ROOT, "Skipped point %d: Consider "
                        + "reducing speed, increasing the atol %s, or increasing the offset %s", index + 1, atol, offset),
                        device);
            }
            if (scan.awaitReadbackUpdate(device, 0.1)) {
                stalled = 0;
            } else if (sweep.done() && (stalled += 0.1) >= STALLED_SECONDS) {
                throw new ScanException("ScanAbortion", String.format(Locale.ROOT, "%s stopped at %s before point %d "
                        + "(%s)", device, position, index + 1, target), device);
            }
        }
        sweep.await();
    }

    /** numpy's isclose: |a − b| ≤ atol + 1e-5·|b|. */
    static boolean isClose(double a, double b, double atol) {
        return Math.abs(a - b) <= atol + 1e-5 * Math.abs(b);
    }
}
