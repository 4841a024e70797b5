package org.jbec.device.api;

import java.util.function.Consumer;

/** One value of a device (ophyd's Signal): readable, perhaps writable, observable. */
public interface Signal {

    /** The full name, as it appears in readings ({@code samx}, {@code samx_setpoint}). */
    String name();

    /** The component's attribute name inside its device ({@code readback}, {@code setpoint}). */
    String attributeName();

    Kind kind();

    /** The current value and its timestamp. */
    Reading reading();

    default Object get() {
        return reading().value();
    }

    /** Whether {@link #put} is allowed. */
    boolean writable();

    /** Writes a value; the status ends when the value is in place. Read-only signals fail. */
    DeviceStatus put(Object value);

    SignalDescription describe();

    /** Calls {@code listener} on every new value; close the result to stop. */
    AutoCloseable subscribe(Consumer<Reading> listener);
}
