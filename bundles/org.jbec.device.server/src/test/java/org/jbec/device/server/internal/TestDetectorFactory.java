package org.jbec.device.server.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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

/**
 * A detector class for the server's tests: its reads fail as often as a test says (onFailure
 * handling), and it notes the thread of every read (where the server runs instructions).
 * {@code deviceConfig}: {@code non_blocking} (its promise to return at once), {@code read_millis}
 * (how long a read waits: a device that breaks that promise).
 */
class TestDetectorFactory implements DeviceFactory {

    /** How many of the next reads fail. */
    final AtomicInteger failures = new AtomicInteger();
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
                if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new DeviceException(name + ": the detector did not answer");
                }
                return Reading.now((long) threads.size());
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
