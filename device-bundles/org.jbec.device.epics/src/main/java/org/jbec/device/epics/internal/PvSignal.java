package org.jbec.device.epics.internal;

import java.time.Duration;
import java.util.function.Consumer;

import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Reading;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;
import org.jbec.epics.api.EpicsException;
import org.jbec.epics.api.PvChannel;
import org.jbec.epics.api.PvValue;

/**
 * A signal over one PV (and another to write, for setpoint/readback pairs): its value is the last one
 * the IOC's monitor sent, so reads cost no round trip; a put completes on the IOC's put-callback.
 */
final class PvSignal implements Signal {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final String attribute;
    private final Kind kind;
    private final PvChannel read;
    private final PvChannel write;
    private volatile Reading last;

    /** @param write the PV puts go to, or null for a read-only signal */
    PvSignal(String name, String attribute, Kind kind, PvChannel read, PvChannel write) {
        this.name = name;
        this.attribute = attribute;
        this.kind = kind;
        this.read = read;
        this.write = write;
        read.monitor(v -> last = new Reading(v.value(), v.timestamp()));
    }

    PvChannel channel() {
        return read;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String attributeName() {
        return attribute;
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public Reading reading() {
        Reading r = last;
        if (!read.connected()) {
            // fail fast, naming the PV: a scan must not wait on an IOC that is gone
            throw new DeviceException(name + ": " + read.pv() + " is not connected (is its IOC running?)");
        }
        if (r != null) {
            return r;
        }
        try {
            PvValue v = read.get(TIMEOUT);
            return last = new Reading(v.value(), v.timestamp());
        } catch (EpicsException e) {
            throw new DeviceException(name + ": " + e.getMessage(), e);
        }
    }

    /** Reads the PV now (not the monitor's last value): after a move, the final readback for certain. */
    void refresh() {
        try {
            PvValue v = read.get(TIMEOUT);
            last = new Reading(v.value(), v.timestamp());
        } catch (EpicsException e) {
            throw new DeviceException(name + ": " + e.getMessage(), e);
        }
    }

    double number() {
        Object v = reading().value();
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new DeviceException(name + ": " + read.pv() + " holds " + v + ", not a number");
    }

    @Override
    public boolean writable() {
        return write != null;
    }

    @Override
    public DeviceStatus put(Object value) {
        if (write == null) {
            return DeviceStatus.failed(name + " put", new DeviceException(name + " (" + read.pv() + ") is read-only"));
        }
        DeviceStatus status = DeviceStatus.pending(name + " put " + value + " to " + write.pv());
        // the put-callback and the monitor of the new value travel separately: read the value once
        // more (off the CA callback thread) so the signal shows what was written when the put is done
        write.put(value).whenCompleteAsync((v, e) -> {
            if (e != null) {
                status.fail(new DeviceException(name + ": " + e.getMessage(), e));
                return;
            }
            try {
                refresh();
                status.finish();
            } catch (RuntimeException x) {
                status.fail(x);
            }
        });
        return status;
    }

    @Override
    public SignalDescription describe() {
        Object v = last == null ? null : last.value();
        if (v instanceof String) {
            return new SignalDescription(read.pv(), "string", java.util.List.of(), "", -1);
        }
        if (v instanceof double[] a) {
            return new SignalDescription(read.pv(), "array", java.util.List.of(a.length), read.units(), -1);
        }
        return SignalDescription.number(read.pv(), read.units(), 3);
    }

    @Override
    public AutoCloseable subscribe(Consumer<Reading> listener) {
        return read.monitor(v -> listener.accept(new Reading(v.value(), v.timestamp())));
    }
}
