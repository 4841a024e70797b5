package org.jbec.service.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jbec.bus.api.BusUnavailableException;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.ServiceInfo;
import org.jbec.bus.api.message.ServiceMetricMessage;
import org.jbec.bus.api.message.ServiceVersions;
import org.jbec.bus.api.message.StatusMessage;
import org.jbec.service.BecServices;
import org.jbec.service.ServiceConflictException;
import org.jbec.service.ServiceHandle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heartbeats of the services of this framework (BEC's BECService): status every 3 s with EX 6 and on
 * every change, metrics every 1 s with EX 30. The framework announces itself as
 * {@code JbecFramework/<uuid>}, so every framework on the bus can be seen from any other.
 */
@Component(immediate = true)
public final class ServiceLifecycle implements BecServices {

    static final Duration STATUS_PERIOD = Duration.ofSeconds(3);
    static final Duration STATUS_TTL = Duration.ofSeconds(6);
    static final Duration METRICS_PERIOD = Duration.ofSeconds(1);
    static final Duration METRICS_TTL = Duration.ofSeconds(30);
    static final Duration UNIQUE_WAIT = Duration.ofSeconds(8);

    private final Logger logger = LoggerFactory.getLogger(ServiceLifecycle.class);
    private final Connector connector;
    private final ServiceInfo info;
    private final ProcessMetrics metrics;
    private final Map<String, Handle> handles = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Handle frameworkHandle;
    private final Duration uniqueWait;

    @Activate
    public ServiceLifecycle(@Reference Connector connector, BundleContext context) {
        this(connector, context.getBundle().getVersion().toString(), UNIQUE_WAIT);
    }

    /** Outside a framework (tests, tools): the version to announce and BEC's unique-service wait. */
    public ServiceLifecycle(Connector connector, String jbecVersion, Duration uniqueWait) {
        this.connector = connector;
        this.uniqueWait = uniqueWait;
        String host = hostname();
        String version = "jBEC " + jbecVersion;
        this.info = new ServiceInfo(System.getProperty("user.name", ""), host, System.currentTimeMillis() / 1000.0,
                new ServiceVersions(version, version, "Not found", "Not found", "Not found"));
        this.metrics = new ProcessMetrics(host);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("jbec-service-heartbeat");
            t.setDaemon(true);
            return t;
        });
        this.frameworkHandle = new Handle("JbecFramework/" + UUID.randomUUID());
        handles.put(frameworkHandle.name(), frameworkHandle);
        frameworkHandle.status = BecStatus.RUNNING;
        timer.scheduleAtFixedRate(guarded(this::publishStatuses), 0, STATUS_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(guarded(this::publishMetrics), 0, METRICS_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A periodic task that throws is never run again: keep the heartbeat alive whatever happens. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                logger.error("Heartbeat task failed; it runs again next period", e);
            }
        };
    }

    @Deactivate
    public void stop() {
        timer.shutdownNow();
        handles.values().forEach(Handle::remove);
        handles.clear();
    }

    @Override
    public String frameworkServiceName() {
        return frameworkHandle.name();
    }

    @Override
    public Map<String, BecStatus> localServices() {
        Map<String, BecStatus> out = new java.util.TreeMap<>();
        handles.forEach((name, h) -> out.put(name, h.status()));
        return out;
    }

    @Override
    public ServiceHandle register(String name, boolean unique) throws ServiceConflictException {
        if (unique) {
            long deadline = System.nanoTime() + uniqueWait.toNanos();
            while (connector.get(Endpoints.serviceStatus(name)).isPresent() || handles.containsKey(name)) {
                if (System.nanoTime() > deadline) {
                    throw new ServiceConflictException("service " + name + " already runs (its status key "
                            + Endpoints.serviceStatus(name).key() + " stayed for " + uniqueWait.toMillis() + " ms)");
                }
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
            }
        }
        Handle handle = new Handle(name);
        if (handles.putIfAbsent(name, handle) != null) {
            throw new ServiceConflictException("service " + name + " is already announced by this framework");
        }
        handle.publish();
        return handle;
    }

    private void publishStatuses() {
        handles.values().forEach(Handle::publish);
    }

    private void publishMetrics() {
        Map<String, Object> sample = metrics.sample();
        for (Handle h : handles.values()) {
            try {
                connector.setAndPublish(Endpoints.serviceMetrics(h.name()),
                        new ServiceMetricMessage(null, h.name(), sample), METRICS_TTL);
            } catch (BusUnavailableException e) {
                logger.debug("metrics of {} not published: {}", h.name(), e.getMessage());
            }
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private final class Handle implements ServiceHandle {
        private final String name;
        private volatile BecStatus status = BecStatus.BUSY;

        Handle(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public BecStatus status() {
            return status;
        }

        @Override
        public void setStatus(BecStatus status) {
            this.status = status;
            publish();
        }

        void publish() {
            try {
                connector.setAndPublish(Endpoints.serviceStatus(name), new StatusMessage(null, name, status, info),
                        STATUS_TTL);
            } catch (BusUnavailableException e) {
                logger.debug("status of {} not published: {}", name, e.getMessage());
            }
        }

        void remove() {
            try {
                connector.delete(Endpoints.serviceStatus(name));
            } catch (BusUnavailableException e) {
                logger.debug("status of {} not removed: {}", name, e.getMessage());
            }
        }

        @Override
        public void close() {
            if (handles.remove(name, this)) {
                remove();
            }
        }
    }
}
