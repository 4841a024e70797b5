package org.jbec.device.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device (ophyd's Device): named, made of signals, with the life-cycle hooks a scan calls. The
 * default hooks do nothing and succeed at once.
 */
public interface Device {

    String name();

    /** The device's own signals, in component order (not those of its sub-devices). */
    List<Signal> signals();

    /**
     * Component devices by attribute name (ophyd's sub-devices: {@code hexapod.x}); their signals
     * are part of this device's readings.
     */
    default Map<String, Device> subDevices() {
        return Map.of();
    }

    /** Every signal of the device and its sub-devices, depth first. */
    default List<Signal> allSignals() {
        List<Signal> all = new java.util.ArrayList<>(signals());
        subDevices().values().forEach(d -> all.addAll(d.allSignals()));
        return all;
    }

    /** Readings of the hinted and normal signals, by full name. */
    default Map<String, Reading> read() {
        // a loop, not a stream: a scan reads every monitored device at every point
        List<Signal> all = allSignals();
        Map<String, Reading> out = new LinkedHashMap<>(all.size() * 4 / 3 + 1);
        for (Signal s : all) {
            if (s.kind().inRead()) {
                out.put(s.name(), s.reading());
            }
        }
        return out;
    }

    /** Readings of the config signals, by full name. */
    default Map<String, Reading> readConfiguration() {
        Map<String, Reading> out = new LinkedHashMap<>();
        allSignals().stream().filter(s -> s.kind() == Kind.CONFIG).forEach(s -> out.put(s.name(), s.reading()));
        return out;
    }

    default Map<String, SignalDescription> describe() {
        Map<String, SignalDescription> out = new LinkedHashMap<>();
        allSignals().stream().filter(s -> s.kind().inRead()).forEach(s -> out.put(s.name(), s.describe()));
        return out;
    }

    default Map<String, SignalDescription> describeConfiguration() {
        Map<String, SignalDescription> out = new LinkedHashMap<>();
        allSignals().stream().filter(s -> s.kind() == Kind.CONFIG).forEach(s -> out.put(s.name(), s.describe()));
        return out;
    }

    /** Names of the hinted signals (ophyd's {@code hints["fields"]}). */
    default List<String> hintedFields() {
        return allSignals().stream().filter(s -> s.kind() == Kind.HINTED).map(Signal::name).toList();
    }

    default DeviceStatus stage() {
        return DeviceStatus.done(name() + " stage");
    }

    default DeviceStatus unstage() {
        return DeviceStatus.done(name() + " unstage");
    }

    default DeviceStatus preScan() {
        return DeviceStatus.done(name() + " pre_scan");
    }

    default DeviceStatus trigger() {
        return DeviceStatus.done(name() + " trigger");
    }

    default DeviceStatus complete() {
        return DeviceStatus.done(name() + " complete");
    }

    default DeviceStatus kickoff() {
        return DeviceStatus.done(name() + " kickoff");
    }

    /**
     * Whether every call of this device returns at once: no I/O, no waiting for another thread or for
     * time (a move or trigger that takes time returns a pending {@link DeviceStatus} and finishes it
     * from elsewhere). The device server then runs a scan's reads and sets of it on the thread that
     * received them from the bus, which saves a thread hand-off per instruction; the time spent
     * there delays every message of the process, so a device that is unsure must answer false (the
     * default). Simulated devices answer true. A device whose call is found waiting there (parked,
     * sleeping), or takes longer than a quarter of a second, loses the privilege until it is built
     * again, with an alarm naming it.
     */
    default boolean nonBlocking() {
        return false;
    }

    /** Stops whatever the device is doing (its sub-devices too); must not throw for a device that does nothing. */
    default void stop() {
        subDevices().values().forEach(Device::stop);
    }

    /** Releases what the device holds (timers, connections); the device is not used afterwards. */
    default void destroy() {
    }
}
