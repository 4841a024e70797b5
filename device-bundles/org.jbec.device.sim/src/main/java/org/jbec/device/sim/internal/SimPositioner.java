package org.jbec.device.sim.internal;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Limits;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;
import org.jbec.device.api.UserAccess;

/**
 * BEC's SimPositioner (bec-behaviour.md §3.1): moves towards the setpoint at {@code velocity}, in
 * steps at {@code update_frequency} with a jitter of ±tolerance, publishing its readback every step;
 * done within the tolerance. {@code delay: 0} moves at once.
 */
final class SimPositioner implements Positioner {

    private final String name;
    private final ScheduledExecutorService timer;
    private final Random random = new Random();
    private final boolean instant;
    private final double updateFrequency;
    private final int precision;
    private final SimSignal readback;
    private final SimSignal setpoint;
    private final SimSignal moving;
    private final SimSignal velocity;
    private final SimSignal acceleration;
    private final SimSignal tolerance;
    private final SimSignal highLimit;
    private final SimSignal lowLimit;
    private final List<Signal> signals;
    private final boolean trapezoidal;
    private ScheduledFuture<?> motion;
    private DeviceStatus current;
    /** Speed of a trapezoidal move now (units per second). */
    private double speed;

    SimPositioner(String name, Map<String, Object> config, ScheduledExecutorService timer) {
        this(name, config, timer, false);
    }

    /**
     * @param trapezoidal BEC's SimLinearTrajectoryPositioner: ramps up to velocity in
     *                    {@code acceleration} seconds and down again before the target, no jitter
     */
    SimPositioner(String name, Map<String, Object> config, ScheduledExecutorService timer, boolean trapezoidal) {
        this.trapezoidal = trapezoidal;
        this.name = name;
        this.timer = timer;
        this.instant = ConfigKeys.number(config, "delay", 1) == 0;
        this.updateFrequency = ConfigKeys.number(config, "update_frequency", 2);
        this.precision = (int) ConfigKeys.number(config, "precision", 3);
        String source = "SIM:" + name;
        SignalDescription position = SignalDescription.number(source, "mm", precision);
        this.readback = new SimSignal(name, "readback", Kind.HINTED, false, 0.0, position);
        this.setpoint = new SimSignal(name + "_setpoint", "setpoint", Kind.NORMAL, true, 0.0, position);
        this.moving = new SimSignal(name + "_motor_is_moving", "motor_is_moving", Kind.NORMAL, false, 0L,
                new SignalDescription(source, "integer", List.of(), "", -1));
        this.velocity = config("velocity", ConfigKeys.number(config, "velocity", 100.0));
        this.acceleration = config("acceleration", ConfigKeys.number(config, "acceleration", 1.0));
        this.tolerance = config("tolerance", ConfigKeys.number(config, "tolerance", 0.5));
        double low = 0;
        double high = 0;
        if (config.get("limits") instanceof List<?> l && l.size() == 2) {
            low = ((Number) l.get(0)).doubleValue();
            high = ((Number) l.get(1)).doubleValue();
        }
        this.lowLimit = new SimSignal(name + "_low_limit_travel", "low_limit_travel", Kind.OMITTED, true, low, position);
        this.highLimit = new SimSignal(name + "_high_limit_travel", "high_limit_travel", Kind.OMITTED, true, high,
                position);
        this.signals = List.of(readback, setpoint, moving, velocity, acceleration, tolerance, highLimit, lowLimit);
        setpoint.onWrite(value -> move(((Number) value).doubleValue()));
    }

    private SimSignal config(String attribute, double initial) {
        return new SimSignal(name + "_" + attribute, attribute, Kind.CONFIG, true, initial,
                SignalDescription.number("SIM:" + name, "", -1));
    }

    @Override
    public String name() {
        return name;
    }

    /** Moves finish from the timer; every call only reads or updates memory. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public List<Signal> signals() {
        return signals;
    }

    @Override
    public Limits limits() {
        return new Limits(((Number) lowLimit.get()).doubleValue(), ((Number) highLimit.get()).doubleValue());
    }

    @Override
    public double position() {
        return ((Number) readback.get()).doubleValue();
    }

    @Override
    public boolean moving() {
        return ((Number) moving.get()).longValue() != 0;
    }

    @Override
    public String units() {
        return "mm";
    }

    @Override
    public synchronized DeviceStatus move(double target) {
        String what = name + " move to " + target;
        Limits limits = limits();
        // BEC checks limits only when low < high
        if (limits.low() < limits.high() && !limits.allows(target)) {
            return DeviceStatus.failed(what, new DeviceException("LimitError: " + name + " target " + target
                    + " outside the limits [" + limits.low() + ", " + limits.high() + "]"));
        }
        stopMotion(() -> new DeviceException(name + " move superseded by a new move to " + target));
        setpoint.update(target);
        DeviceStatus status = DeviceStatus.pending(what);
        current = status;
        if (instant) {
            readback.update(target);
            status.finish();
            return status;
        }
        moving.update(1L);
        speed = 0;
        long periodNanos = (long) (1e9 / updateFrequency);
        motion = timer.scheduleAtFixedRate(() -> step(target, status), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        return status;
    }

    private synchronized void step(double target, DeviceStatus status) {
        if (status.isDone()) {
            return;
        }
        if (trapezoidal) {
            trapezoidStep(target, status);
            return;
        }
        double rb = position();
        double tol = ((Number) tolerance.get()).doubleValue();
        double inc = Math.signum(target - rb) * ((Number) velocity.get()).doubleValue() / updateFrequency;
        double next = rb + inc + (random.nextDouble() * 2 - 1) * tol;
        if ((inc > 0 && next > target) || (inc < 0 && next < target)) {
            next = target + (random.nextDouble() * 2 - 1) * tol;
        }
        readback.update(next);
        if (Math.abs(target - next) <= tol) {
            motion.cancel(false);
            moving.update(0L);
            status.finish();
        }
    }

    /** One step of a trapezoidal profile: accelerate, cruise, and brake in time to stop on the target. */
    private void trapezoidStep(double target, DeviceStatus status) {
        double dt = 1 / updateFrequency;
        double v = ((Number) velocity.get()).doubleValue();
        double rampTime = Math.max(1e-6, ((Number) acceleration.get()).doubleValue());
        double a = v / rampTime;
        double rb = position();
        double remaining = Math.abs(target - rb);
        double brakingDistance = speed * speed / (2 * a);
        speed = remaining <= brakingDistance ? Math.max(a * dt, speed - a * dt) : Math.min(v, speed + a * dt);
        double stepLength = Math.min(remaining, speed * dt);
        double next = rb + Math.signum(target - rb) * stepLength;
        readback.update(next);
        if (Math.abs(target - next) <= Math.max(((Number) tolerance.get()).doubleValue(), 1e-12)) {
            readback.update(target);
            motion.cancel(false);
            moving.update(0L);
            status.finish();
        }
    }

    /** The reason is made only when a motion is really cut short: a scan moves thousands of times. */
    private void stopMotion(java.util.function.Supplier<DeviceException> reason) {
        if (motion != null) {
            motion.cancel(false);
            motion = null;
        }
        if (current != null && !current.isDone()) {
            current.fail(reason.get());
        }
        moving.update(0L);
    }

    @Override
    public synchronized void stop() {
        stopMotion(() -> new DeviceException("DeviceStopError: " + name + " was stopped"));
    }

    @Override
    public void destroy() {
        stop();
    }

    /** BEC's USER_ACCESS: the current readback. */
    @UserAccess("the current position")
    public double readback() {
        return position();
    }
}
