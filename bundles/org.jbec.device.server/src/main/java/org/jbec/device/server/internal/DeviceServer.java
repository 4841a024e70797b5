package org.jbec.device.server.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.DeviceInitializationProgressMessage;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.config.ConfigException;
import org.jbec.config.DeviceConfig;
import org.jbec.config.DeviceSession;
import org.jbec.config.DeviceSessionReader;
import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceFactory;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;
import org.jbec.service.BecServices;
import org.jbec.service.ServiceHandle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEC's device server: loads the device session (the file named by {@code jbec.devices.config}),
 * builds the devices through the {@link DeviceFactory} whiteboard in {@code needs} order, publishes
 * them, executes device instructions and stop requests. When a device class goes away its devices
 * are torn down and reported; when it comes back they are rebuilt with their last setpoints.
 */
@Component(immediate = true, service = DeviceServer.class, property = {
        "osgi.command.scope=jbec",
        "osgi.command.function=device_states" })
public final class DeviceServer {

    private final Logger logger = LoggerFactory.getLogger(DeviceServer.class);
    private final Connector bus;
    private final Alarms alarms;
    private final BecServices services;
    private final Map<String, DeviceFactory> factories = new ConcurrentHashMap<>();
    /** Classes whose devices are built after all others (computed signals, proxies). */
    private final java.util.Set<String> buildLast = ConcurrentHashMap.newKeySet();
    private final Map<String, ManagedDevice> devices = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2,
            Threads.named("jbec-device-timer"));
    private final ExecutorService work = Executors.newCachedThreadPool(Threads.named("jbec-device-work"));
    /** Config requests, one at a time in arrival order, off the bus's dispatcher thread. */
    private final ExecutorService configWork = Executors.newSingleThreadExecutor(Threads.named("jbec-device-config"));
    private final DevicePublisher publisher;
    private final DeviceBuilder builder;
    private final InstructionExecutor executor;
    private final InstructionWatch watch;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final RequestOrder requestOrder = new RequestOrder(work);
    private final Object lock = new Object();
    private volatile ServiceHandle handle;
    private volatile DeviceSession session;

    @Activate
    public DeviceServer(@Reference Connector bus, @Reference Alarms alarms, @Reference BecServices services,
            BundleContext context) {
        this(bus, alarms, services, sessionFile(context));
    }

    private static Path sessionFile(BundleContext context) {
        String home = Optional.ofNullable(context.getProperty("jbec.home")).orElse(".");
        String file = context.getProperty("jbec.devices.config");
        return file == null ? null : Path.of(home).resolve(file);
    }

    /** @param sessionFile the session to load at start; null for none */
    DeviceServer(Connector bus, Alarms alarms, BecServices services, Path sessionFile) {
        this.bus = bus;
        this.alarms = alarms;
        this.services = services;
        this.publisher = new DevicePublisher(bus);
        this.builder = new DeviceBuilder(bus, factories, devices, publisher, alarms, work, timer);
        this.watch = new InstructionWatch(bus, work);
        this.executor = new InstructionExecutor(bus, devices::get, publisher, watch, new InstructionExecutor.DeviceAlarms() {
            @Override
            public void readFailed(String device, org.jbec.device.api.DeviceException e) {
                alarms.raise(AlarmSeverity.WARNING, device, "DeviceReadError", e.getMessage());
            }

            @Override
            public void blockedTheBus(String device, String message) {
                logger.warn(message);
                alarms.raise(AlarmSeverity.WARNING, device, "DeviceBlockedBus", message);
            }
        });
        // one tick for both: the readback flush and the watch over instructions' device calls
        timer.scheduleWithFixedDelay(this::tick, 10, 10, TimeUnit.MILLISECONDS);
        // loading talks to Redis and builds devices: never on the activation thread
        work.execute(() -> start(sessionFile));
    }

    /** A task that logs what it throws: a bad request must not vanish into an executor's thread. */
    private Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                logger.error("{} failed", what, e);
            }
        };
    }

    private static String describe(Object value) {
        return value == null ? "nil" : value.getClass().getSimpleName();
    }

    private void tick() {
        watch.tick();
        try {
            publisher.flush();
        } catch (RuntimeException e) {
            logger.debug("readback flush failed: {}", e.toString());
        }
    }

    private void start(Path sessionFile) {
        try {
            handle = services.register("DeviceServer", true);
        } catch (org.jbec.service.ServiceConflictException e) {
            logger.error("Device server not started: {}", e.getMessage());
            return;
        }
        subscriptions.add(bus.subscribe(Endpoints.deviceInstructions(), event -> {
            if (event.value() instanceof DeviceInstructionMessage instruction) {
                requestOrder.submit(instruction, executor.mayRunOnBusThread(instruction), (done, onBusThread) -> {
                    try {
                        return executor.execute(instruction, done, onBusThread ? work : null);
                    } catch (RuntimeException e) {
                        logger.error("instruction failed", e);
                        return true;
                    }
                });
            } else {
                logger.warn("Ignored a {} on {}: not a DeviceInstructionMessage", describe(event.value()), event.topic());
            }
        }));
        subscriptions.add(bus.subscribe(Endpoints.stopDevices(),
                event -> work.execute(guarded("stop_devices", () -> stopDevices(event.value())))));
        ConfigRequests requests = new ConfigRequests(bus, this);
        // one request at a time, in arrival order, as BEC's SciHub
        subscriptions.add(bus.subscribe(Endpoints.deviceConfigRequest(), event -> {
            if (event.value() instanceof org.jbec.bus.api.message.DeviceConfigMessage request) {
                configWork.execute(guarded("config request", () -> requests.handle(request)));
            } else {
                logger.warn("Ignored a {} on {}: not a DeviceConfigMessage", describe(event.value()), event.topic());
            }
        }));
        if (sessionFile != null) {
            try {
                load(new DeviceSessionReader().read(sessionFile, sessionFile.getFileName().toString()));
            } catch (ConfigException e) {
                logger.error("Device session {} not loaded:\n{}", sessionFile, e.getMessage());
                alarms.raise(AlarmSeverity.MAJOR, null, "DeviceConfigError", e.getMessage());
            }
        }
        handle.setStatus(BecStatus.RUNNING);
    }

    /** Loads a session: refused whole when a device class rejects its deviceConfig. */
    void load(DeviceSession next) throws ConfigException {
        checkClasses(next);
        synchronized (lock) {
            devices.values().forEach(builder::tearDown);
            devices.clear();
            order.clear();
            session = next;
            persist();
            addAll(next.devices());
        }
        logger.info("Device session {} loaded: {} devices, {} up", next.source(), devices.size(),
                devices.values().stream().filter(ManagedDevice::ready).count());
        List<String> down = order.stream().map(devices::get).filter(md -> md.config.enabled() && !md.ready())
                .map(md -> md.name() + " (" + md.problem + ")").toList();
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

    private void stopDevices(Object value) {
        List<String> names = value instanceof VariableMessage v && v.value() instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.copyOf(order);
        for (String name : names) {
            ManagedDevice md = devices.get(name);
            if (md != null && md.ready() && md.config.enabled() && !md.config.readOnly()) {
                try {
                    new Guard(work).call(name, "stop", InstructionExecutor.CALL_LIMIT, () -> {
                        md.device.stop();
                        return null;
                    });
                } catch (RuntimeException e) {
                    alarms.raise(AlarmSeverity.WARNING, name, "DeviceStopError", e.getMessage());
                }
            }
        }
    }

    /** A device class arrives: devices of the session waiting for it are built. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFactory(DeviceFactory factory, Map<String, Object> properties) {
        List<String> names = classNames(properties);
        names.forEach(n -> factories.put(n, factory));
        if (Boolean.TRUE.equals(properties.get(DeviceFactory.BUILD_LAST))) {
            buildLast.addAll(names);
        }
        if (session == null) {
            return;
        }
        work.execute(() -> {
            synchronized (lock) {
                for (String name : order) {
                    ManagedDevice md = devices.get(name);
                    if (md != null && !md.ready() && md.config.enabled() && names.contains(md.config.deviceClass())) {
                        if (builder.build(md)) {
                            logger.info("{} rebuilt with device class {}", name, md.config.deviceClass());
                        }
                    }
                }
            }
        });
    }

    /** A device class leaves (bundle stopped or updated): its devices are torn down and reported. */
    void removeFactory(DeviceFactory factory, Map<String, Object> properties) {
        List<String> names = classNames(properties);
        names.forEach(n -> factories.remove(n, factory));
        synchronized (lock) {
            for (ManagedDevice md : devices.values()) {
                if (names.contains(md.config.deviceClass()) && md.ready()) {
                    md.whenIdle(10_000, () -> {
                        builder.tearDown(md);
                        md.problem = "device class " + md.config.deviceClass() + " was removed";
                    });
                    logger.warn("{}: {}; it comes back with its class", md.name(), md.problem);
                }
            }
        }
    }

    static List<String> classNames(Map<String, Object> properties) {
        Object v = properties.get(DeviceFactory.DEVICE_CLASS);
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof String[] a) {
            return List.of(a);
        }
        return List.of();
    }

    /** Whether the server has announced itself RUNNING (instructions are being received). */
    boolean running() {
        ServiceHandle h = handle;
        return h != null && h.status() == BecStatus.RUNNING;
    }

    /**
     * Gogo command {@code device_states}: every device this device server holds with its state (the
     * shell's {@code devices} lists the session from the bus, wherever the device server runs).
     */
    @org.apache.felix.service.command.Descriptor("this device server's devices: up, disabled, or down with the reason")
    public String device_states() {
        StringBuilder out = new StringBuilder();
        Map<String, String> states = states();
        long up = states.values().stream().filter("up"::equals).count();
        out.append(states.size()).append(" devices, ").append(up).append(" up\n");
        states.forEach((name, state) -> out.append(String.format(java.util.Locale.ROOT, "  %-24s %s%n", name, state)));
        return out.toString().stripTrailing();
    }

    /** What the server knows of each device, for the shell and tests. */
    Map<String, String> states() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : order) {
            ManagedDevice md = devices.get(name);
            out.put(name, !md.config.enabled() ? "disabled" : md.ready() ? "up" : "down: " + md.problem);
        }
        return out;
    }

    @Deactivate
    void stop() {
        subscriptions.forEach(Subscription::close);
        synchronized (lock) {
            devices.values().forEach(builder::tearDown);
        }
        if (handle != null) {
            handle.close();
        }
        timer.shutdownNow();
        configWork.shutdownNow();
        work.shutdownNow();
    }
}
