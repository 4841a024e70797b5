package org.jbec.device.sim.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Reading;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * A simulated signal: holds its value, tells its listeners about every new one. Writable signals
 * accept {@link #put}; a {@code writeHook} lets the device react (a setpoint starts a move).
 */
final class SimSignal implements Signal {

    private final String name;
    private final String attribute;
    private final Kind kind;
    private final boolean writable;
    private final SignalDescription description;
    private final List<Consumer<Reading>> listeners = new CopyOnWriteArrayList<>();
    private volatile Reading reading;
    private volatile Function<Object, DeviceStatus> writeHook;

    SimSignal(String name, String attribute, Kind kind, boolean writable, Object initial, SignalDescription description) {
        this.name = name;
        this.attribute = attribute;
        this.kind = kind;
        this.writable = writable;
        this.description = description;
        this.reading = Reading.now(initial);
    }

    void onWrite(Function<Object, DeviceStatus> hook) {
        this.writeHook = hook;
    }

    /** Sets the value from inside the simulation (no write hook) and notifies listeners. */
    void update(Object value) {
        Reading r = Reading.now(value);
        reading = r;
        for (Consumer<Reading> l : listeners) {
            l.accept(r);
        }
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
        return reading;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public DeviceStatus put(Object value) {
        if (!writable) {
            return DeviceStatus.failed(name + " put", new DeviceException(name + " is read-only"));
        }
        Function<Object, DeviceStatus> hook = writeHook;
        if (hook != null) {
            return hook.apply(value);
        }
        update(value);
        return DeviceStatus.done(name + " put");
    }

    @Override
    public SignalDescription describe() {
        return description;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Reading> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
