package org.jbec.device.server.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Reading;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * A device class that notes the thread of every read, for where the server runs instructions.
 * {@code deviceConfig}: {@code non_blocking} (its promise), {@code read_millis} (how long a read
 * takes: a device that breaks its promise).
 */
class ThreadRecordingDeviceFactory implements DeviceFactory {

    /** Device name → the names of the threads its reads ran on, in order. */
    final Map<String, List<String>> readThreads = new ConcurrentHashMap<>();

    @Override
    public List<String> check(Map<String, Object> deviceConfig) {
        return List.of();
    }

    @Override
    public Device create(DeviceContext context) {
        String name = context.name();
        boolean nonBlocking = Boolean.TRUE.equals(context.deviceConfig().get("non_blocking"));
        long readMillis = context.deviceConfig().get("read_millis") instanceof Number n ? n.longValue() : 0;
        List<String> threads = readThreads.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>());
        Signal value = new Signal() {
            @Override
            public String name() {
                return name;
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
                threads.add(Thread.currentThread().getName());
                if (readMillis > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(readMillis)); // a slow detector
                }
                return Reading.now((long) threads.size());
            }

            @Override
            public boolean writable() {
                return false;
            }

            @Override
            public DeviceStatus put(Object v) {
                throw new UnsupportedOperationException("read-only");
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
                return name;
            }

            @Override
            public List<Signal> signals() {
                return List.of(value);
            }

            @Override
            public boolean nonBlocking() {
                return nonBlocking;
            }
        };
    }
}
