package org.jbec.device.server.internal;

import java.nio.file.Path;
import java.util.ArrayList;
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
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.config.ConfigException;
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
    private final SessionDevices session;
    private volatile ServiceHandle handle;

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
        this.session = new SessionDevices(bus, alarms, factories, buildLast, devices, builder);
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
        ConfigRequests requests = new ConfigRequests(bus, session);
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
        session.load(next);
    }

    /** The session's devices and the config actions on them. */
    SessionDevices session() {
        return session;
    }

    private void stopDevices(Object value) {
        List<String> names = value instanceof VariableMessage v && v.value() instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : session.names();
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
        if (session.loaded()) {
            work.execute(() -> session.classArrived(names));
        }
    }

    /** A device class leaves (bundle stopped or updated): its devices are torn down and reported. */
    void removeFactory(DeviceFactory factory, Map<String, Object> properties) {
        List<String> names = classNames(properties);
        names.forEach(n -> factories.remove(n, factory));
        session.classLeft(names);
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
        return session.states();
    }

    @Deactivate
    void stop() {
        subscriptions.forEach(Subscription::close);
        session.tearDownAll();
        if (handle != null) {
            handle.close();
        }
        timer.shutdownNow();
        configWork.shutdownNow();
        work.shutdownNow();
    }
}
