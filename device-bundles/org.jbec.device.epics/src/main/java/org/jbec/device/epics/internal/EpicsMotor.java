package org.jbec.device.epics.internal;

import java.util.List;

import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Limits;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Signal;
import org.jbec.epics.api.ChannelAccess;

/**
 * ophyd's EpicsMotor over the motor record ({@code prefix}.VAL, .RBV, .DMOV, .MOVN, .STOP, .HLM,
 * .LLM, .VELO, .EGU): a move is a put to VAL that completes on the IOC's put-callback (the record
 * calls back when DMOV goes to 1); limits come from HLM/LLM and are checked before the put.
 */
final class EpicsMotor implements Positioner {

    private final String name;
    private final PvSignal readback;
    private final PvSignal setpoint;
    private final PvSignal moving;
    private final PvSignal stop;
    private final PvSignal velocity;
    private final PvSignal high;
    private final PvSignal low;
    private final List<Signal> signals;
    private final Connections connections;
    private final java.util.concurrent.ScheduledExecutorService timer;

    EpicsMotor(DeviceContext context, ChannelAccess ca, String prefix) {
        this.name = context.name();
        this.timer = context.timer();
        readback = new PvSignal(name, "user_readback", Kind.HINTED, ca.channel(prefix + ".RBV"), null);
        setpoint = new PvSignal(name + "_user_setpoint", "user_setpoint", Kind.NORMAL, ca.channel(prefix + ".VAL"),
                ca.channel(prefix + ".VAL"));
        moving = new PvSignal(name + "_motor_is_moving", "motor_is_moving", Kind.NORMAL, ca.channel(prefix + ".MOVN"),
                null);
        stop = new PvSignal(name + "_motor_stop", "motor_stop", Kind.OMITTED, ca.channel(prefix + ".STOP"),
                ca.channel(prefix + ".STOP"));
        velocity = new PvSignal(name + "_velocity", "velocity", Kind.CONFIG, ca.channel(prefix + ".VELO"),
                ca.channel(prefix + ".VELO"));
        high = new PvSignal(name + "_high_limit_travel", "high_limit_travel", Kind.CONFIG, ca.channel(prefix + ".HLM"),
                ca.channel(prefix + ".HLM"));
        low = new PvSignal(name + "_low_limit_travel", "low_limit_travel", Kind.CONFIG, ca.channel(prefix + ".LLM"),
                ca.channel(prefix + ".LLM"));
        signals = List.of(readback, setpoint, moving, stop, velocity, high, low);
        connections = new Connections(signals.stream().map(s -> ((PvSignal) s).channel()).toList(), context.events());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Signal> signals() {
        return signals;
    }

    @Override
    public DeviceStatus move(double target) {
        Limits l = limits();
        if (l.low() < l.high() && (target < l.low() || target > l.high())) {
            return DeviceStatus.failed(name + " move", new DeviceException("LimitError: " + name + " target " + target
                    + " outside the limits [" + l.low() + ", " + l.high() + "]"));
        }
        // the put-callback (DMOV) and the last RBV monitor travel separately: read RBV once more, off the
        // CA callback thread, so whoever reads the motor after the move sees where it stopped
        DeviceStatus moved = DeviceStatus.pending(name + " move to " + target);
        setpoint.put(target).onDone(put -> timer.execute(() -> {
            if (!put.succeeded()) {
                moved.fail(put.error().orElse(new DeviceException(name + " move failed")));
                return;
            }
            try {
                readback.refresh();
                moved.finish();
            } catch (RuntimeException e) {
                moved.fail(e);
            }
        }));
        return moved;
    }

    @Override
    public double position() {
        return readback.number();
    }

    @Override
    public Limits limits() {
        return new Limits(low.number(), high.number());
    }

    @Override
    public boolean moving() {
        return moving.number() != 0;
    }

    @Override
    public String units() {
        return readback.channel().units();
    }

    @Override
    public void stop() {
        stop.put(1);
    }

    @Override
    public void destroy() {
        connections.close();
    }
}
