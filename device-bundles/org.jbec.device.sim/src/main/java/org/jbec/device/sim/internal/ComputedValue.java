package org.jbec.device.sim.internal;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Reading;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * A read-only hinted signal whose value is computed at every read (monitors, computed signals,
 * random read-only signals). It has no events of its own: it changes when it is read.
 */
final class ComputedValue implements Signal {

    private final String name;
    private final Supplier<Object> compute;
    private final SignalDescription description;

    ComputedValue(String name, Supplier<Object> compute, SignalDescription description) {
        this.name = name;
        this.compute = compute;
        this.description = description;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String attributeName() {
        return "readback";
    }

    @Override
    public Kind kind() {
        return Kind.HINTED;
    }

    @Override
    public Reading reading() {
        return Reading.now(compute.get());
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public DeviceStatus put(Object value) {
        return DeviceStatus.failed(name + " put", new DeviceException(name + " is read-only"));
    }

    @Override
    public SignalDescription describe() {
        return description;
    }

    @Override
    public AutoCloseable subscribe(Consumer<Reading> listener) {
        return () -> { };
    }
}
