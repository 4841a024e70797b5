package org.jbec.device.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.DeviceInitializationProgressMessage;
import org.jbec.config.ConfigException;
import org.jbec.config.DeviceConfig;
import org.jbec.config.DeviceSession;
import org.jbec.device.api.DeviceFactory;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device server's session: its devices in load order, and what BEC's config actions (set,
 * add, remove, update) and device classes coming and going do to them. Every change holds one lock;
 * the devices map itself is concurrent, for the instruction path's lookups.
 */
final class SessionDevices {

    private final Logger logger = LoggerFactory.getLogger(SessionDevices.class);
    private final Connector bus;
    private final Alarms alarms;
    private final Map<String, DeviceFactory> factories;
    /** Classes whose devices are built after all others (computed signals, proxies). */
    private final Set<String> buildLast;
    private final Map<String, ManagedDevice> devices;
    private final DeviceBuilder builder;
    private final List<String> order = new ArrayList<>();
    private final Object lock = new Object();
    private volatile DeviceSession session;

    SessionDevices(Connector bus, Alarms alarms, Map<String, DeviceFactory> factories, Set<String> buildLast,
            Map<String, ManagedDevice> devices, DeviceBuilder builder) {
        this.bus = bus;
        this.alarms = alarms;
        this.factories = factories;
        this.buildLast = buildLast;
        this.devices = devices;
        this.builder = builder;
    }

    /** Loads a session: refused whole when a device class rejects its deviceConfig. */
    void load(DeviceSession next) throws ConfigException {
        checkClasses(next);
        List<String> down;
        synchronized (lock) {
            devices.values().forEach(builder::tearDown);
            devices.clear();
            order.clear();
            session = next;
            persist();
            addAll(next.devices());
            down = order.stream().map(devices::get).filter(md -> md.config.enabled() && !md.ready())
                    .map(md -> md.name() + " (" + md.problem + ")").toList();
        }
        logger.info("Device session {} loaded: {} devices, {} up", next.source(), devices.size(),
                devices.values().stream().filter(ManagedDevice::ready).count());
        if (!down.isEmpty()) {
            alarms.raise(AlarmSeverity.MINOR, null, "DeviceInitError", down.size() + " devices of " + next.source()
                    + " are not available: " + String.join("; ", down));
        }
    }

    /** Builds devices in the given (load) order, reporting progress; a device that fails stays down. */
    private void addAll(List<DeviceConfig> added) {
        int index = 0;
        List<DeviceConfig> ordered = new ArrayList<>(added);
        // a stable sort: load order kept within each pass
        ordered.sort(java.util.Comparator.comparing(d -> buildLast.contains(d.deviceClass())));
        for (DeviceConfig d : ordered) {
            ManagedDevice md = new ManagedDevice(d);
            devices.put(d.name(), md);
            order.add(d.name());
            progress(d.name(), false, true, index, added.size());
            boolean ok = !d.enabled() || builder.build(md);
            progress(d.name(), true, ok, index++, added.size());
        }
    }

    /** Writes the running session to info/devices/config, as BEC persists it. */
    private void persist() {
        List<Map<String, Object>> wire = new ArrayList<>();
        order.forEach(name -> wire.add(devices.get(name).config.toWire()));
        if (order.isEmpty() && session != null) {
            session.devices().forEach(d -> wire.add(d.toWire()));
        }
        bus.set(Endpoints.deviceConfig(), new AvailableResourceMessage(null, wire), null);
    }

    /** The running session's devices, in load order. */
    List<DeviceConfig> sessionDevices() {
        synchronized (lock) {
            return order.stream().map(n -> devices.get(n).config).toList();
        }
    }

    /** Checks deviceConfigs against their classes; problems name source and device. */
    void checkClasses(DeviceSession next) throws ConfigException {
        List<org.jbec.config.ConfigProblem> problems = new ArrayList<>();
        for (DeviceConfig d : next.devices()) {
            DeviceFactory f = factories.get(d.deviceClass());
            if (f != null && d.deviceConfig() != null) {
                f.check(d.deviceConfig()).forEach(p -> problems.add(new org.jbec.config.ConfigProblem(next.source(), 0,
                        0, d.name(), p)));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Checks one device's deviceConfig against its class. */
    void check(DeviceConfig device, String source) throws ConfigException {
        checkClasses(new DeviceSession(source, List.of(device), List.of()));
    }

    /** BEC's config action add: new devices only; the session grows. */
    void add(DeviceSession additions) throws ConfigException {
        checkClasses(additions);
        synchronized (lock) {
            for (DeviceConfig d : additions.devices()) {
                if (devices.containsKey(d.name())) {
                    throw problem(additions.source(), d.name(), "a device of this name is already in the session");
                }
            }
            addAll(additions.devices());
            persist();
        }
    }

    /** BEC's config action remove. */
    void remove(java.util.Collection<String> names, String source) throws ConfigException {
        synchronized (lock) {
            for (String name : names) {
                if (!devices.containsKey(name)) {
                    throw problem(source, name, "no device of this name is in the session");
                }
            }
            for (String name : names) {
                builder.tearDown(devices.remove(name));
                order.remove(name);
            }
            persist();
        }
    }

    /**
     * Replaces one device's configuration (BEC's update, after the caller merged and validated it).
     * When the device does not come up with the new configuration, the old one is restored and the
     * update fails, as BEC rolls back a deviceConfig that cannot be applied.
     */
    void replace(DeviceConfig updated, String source) throws ConfigException {
        synchronized (lock) {
            ManagedDevice old = devices.get(updated.name());
            boolean wasUp = old.ready();
            builder.tearDown(old); // keeps its position as the setpoint to restore
            ManagedDevice md = new ManagedDevice(updated);
            md.lastSetpoint = old.lastSetpoint;
            devices.put(updated.name(), md);
            if (updated.enabled() && !builder.build(md) && wasUp) {
                ManagedDevice restored = new ManagedDevice(old.config);
                restored.lastSetpoint = old.lastSetpoint;
                devices.put(old.name(), restored);
                builder.build(restored);
                throw problem(source, updated.name(), "the update was rolled back: " + md.problem);
            }
            persist();
        }
    }

    static ConfigException problem(String source, String device, String message) {
        return new ConfigException(List.of(new org.jbec.config.ConfigProblem(source, 0, 0, device, message)));
    }

    private void progress(String device, boolean finished, boolean success, int index, int total) {
        bus.setAndPublish(Endpoints.deviceInitializationProgress(), new DeviceInitializationProgressMessage(null,
                device, finished, success, (long) index, (long) total), Duration.ofSeconds(3600));
    }

    /** Whether a session was loaded (devices wait for their classes only then). */
    boolean loaded() {
        return session != null;
    }

    /** The session's device names, in load order. */
    List<String> names() {
        synchronized (lock) {
            return List.copyOf(order);
        }
    }

    /** A device class arrived: the session's devices waiting for it are built. */
    void classArrived(List<String> classNames) {
        synchronized (lock) {
            for (String name : order) {
                ManagedDevice md = devices.get(name);
                if (md != null && !md.ready() && md.config.enabled() && classNames.contains(md.config.deviceClass())) {
                    if (builder.build(md)) {
                        logger.info("{} rebuilt with device class {}", name, md.config.deviceClass());
                    }
                }
            }
        }
    }

    /** A device class left: its devices are torn down once idle, and report why. */
    void classLeft(List<String> classNames) {
        synchronized (lock) {
            for (ManagedDevice md : devices.values()) {
                if (classNames.contains(md.config.deviceClass()) && md.ready()) {
                    md.whenIdle(10_000, () -> {
                        builder.tearDown(md);
                        md.problem = "device class " + md.config.deviceClass() + " was removed";
                    });
                    logger.warn("{}: {}; it comes back with its class", md.name(), md.problem);
                }
            }
        }
    }

    /** What the server knows of each device: up, disabled, or down with the reason. */
    Map<String, String> states() {
        Map<String, String> out = new LinkedHashMap<>();
        synchronized (lock) {
            for (String name : order) {
                ManagedDevice md = devices.get(name);
                out.put(name, !md.config.enabled() ? "disabled" : md.ready() ? "up" : "down: " + md.problem);
            }
        }
        return out;
    }

    /** The server stops: every device is torn down. */
    void tearDownAll() {
        synchronized (lock) {
            devices.values().forEach(builder::tearDown);
        }
    }
}
