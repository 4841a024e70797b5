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
 * ophyd's EpicsSignal (read_pv, write_pv), EpicsSignalRO (read_pv) and EpicsSignalWithRBV (prefix:
 * writes to prefix, reads prefix_RBV) as a device of one hinted signal. A writable one is set like a
 * positioner (the put completes on the IOC's put-callback); a read-only one refuses sets.
 */
final class EpicsSignalDevice implements Positioner {

    private final String name;
    private final PvSignal signal;
    private final Connections connections;

    /** @param writePv null for read-only */
    EpicsSignalDevice(DeviceContext context, ChannelAccess ca, String readPv, String writePv) {
        this.name = context.name();
        this.signal = new PvSignal(name, "value", Kind.HINTED, ca.channel(readPv),
                writePv == null ? null : ca.channel(writePv));
        List<org.jbec.epics.api.PvChannel> channels = writePv == null || writePv.equals(readPv)
                ? List.of(ca.channel(readPv)) : List.of(ca.channel(readPv), ca.channel(writePv));
        this.connections = new Connections(channels, context.events());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Signal> signals() {
        return List.of(signal);
    }

    @Override
    public DeviceStatus move(double target) {
        if (!signal.writable()) {
            return DeviceStatus.failed(name + " set", new DeviceException(name + " is read-only (EpicsSignalRO)"));
        }
        return signal.put(target);
    }

    @Override
    public double position() {
        return signal.number();
    }

    @Override
    public Limits limits() {
        return Limits.NONE;
    }

    @Override
    public boolean moving() {
        return false;
    }

    @Override
    public void destroy() {
        connections.close();
    }
}
