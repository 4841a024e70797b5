package org.jbec.device.server.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Reading;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/** A device class whose reads fail as often as a test says: for the server's onFailure handling. */
class FlakyDeviceFactory implements DeviceFactory {

    /** How many of the next reads fail. */
    final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public List<String> check(Map<String, Object> deviceConfig) {
        return List.of();
    }

    @Override
    public Device create(DeviceContext context) {
        Signal value = new Signal() {
            @Override
            public String name() {
                return context.name();
            }

            @Override
            public String attributeName() {
                return "value";
            }

            @Override
            public Kind kind() {
                return Kind.HINTED;
            }

            @Override
            public Reading reading() {
                if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new DeviceException(context.name() + ": the detector did not answer");
                }
                return Reading.now((long) reads.incrementAndGet());
            }

            @Override
            public boolean writable() {
                return false;
            }

            @Override
            public DeviceStatus put(Object v) {
                return DeviceStatus.failed("put", new DeviceException("read-only"));
            }

            @Override
            public SignalDescription describe() {
                return new SignalDescription("TEST", "integer", List.of(), "", -1);
            }

            @Override
            public AutoCloseable subscribe(Consumer<Reading> listener) {
                return () -> { };
            }
        };
        return new Device() {
            @Override
            public String name() {
                return context.name();
            }

            @Override
            public List<Signal> signals() {
                return List.of(value);
            }
        };
    }
}
