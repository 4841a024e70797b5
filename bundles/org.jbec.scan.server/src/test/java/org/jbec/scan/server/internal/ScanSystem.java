package org.jbec.scan.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.device.server.internal.DeviceServerHandle;
import org.jbec.scan.api.ScanDefinition;
import org.jbec.scan.bundler.internal.BundlerHandle;
import org.jbec.scan.standard.internal.StandardScansAccess;
import org.jbec.service.internal.AlarmPublisher;
import org.jbec.service.internal.ServiceLifecycle;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.osgi.framework.Constants;

/**
 * The services a scan needs, each real and talking only through one real Redis: device server with
 * simulated devices, scan bundler, scan catalogue with the standard scans, guard and queue manager.
 * Records what a client would see (scan statuses, segments, alarms, replies).
 */
final class ScanSystem implements AutoCloseable {

    static final String SESSION = """
            samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                   deviceConfig: {delay: 0, limits: [-50, 50]}}
            samy: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                   deviceConfig: {delay: 0, limits: [-50, 50]}}
            samz: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                   deviceConfig: {delay: 0}}
            samc: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                   deviceConfig: {delay: 1, velocity: 5, acceleration: 0.1, update_frequency: 100, tolerance: 0.001,
                                  limits: [-50, 50]}}
            bpm4i: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                    deviceConfig: {noise: none}}
            bpm3a: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                    deviceConfig: {noise: none}}
            """;

    final JedisConnector bus;
    final List<ScanStatusMessage> statuses = new CopyOnWriteArrayList<>();
    final java.util.Queue<ScanMessage> segments = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Points seen per scan id, counted as they arrive (the segments themselves may be dropped). */
    private final Map<String, java.util.concurrent.atomic.AtomicLong> pointsSeen = new java.util.concurrent.ConcurrentHashMap<>();
    /** Raised, under its own lock, at every status and segment: waiters block on it instead of polling. */
    private final long[] arrivals = new long[1];
    final List<AlarmMessage> alarms = new CopyOnWriteArrayList<>();
    final List<RequestResponseMessage> responses = new CopyOnWriteArrayList<>();
    final ScanCatalogue catalogue;
    final QueueManager queues;
    final ServiceLifecycle lifecycle;
    final AlarmPublisher alarmPublisher;
    final DeviceServerHandle devices;
    final BundlerHandle bundler;
    final ScanGuard guard;
    private long nextServiceId = 1;

    ScanSystem(PrivateRedis redis, String session) throws Exception {
        this(redis, session, Map.of());
    }

    /** With the scan server's settings of the servers config ({@code scan_server.*}). */
    ScanSystem(PrivateRedis redis, String session, Map<String, Object> scanServerSettings) throws Exception {
        bus = JedisConnector.open("127.0.0.1", redis.port());
        Await.until("bus connected", () -> bus.state() == ConnectionState.CONNECTED);
        // what a client would see; junk that fault tests put on these channels is not recorded
        bus.subscribe(Endpoints.scanStatus(), e -> {
            if (e.value() instanceof ScanStatusMessage m) {
                statuses.add(m);
                arrived();
            }
        });
        bus.subscribe(Endpoints.scanSegment(), e -> {
            e.messages().forEach(m -> {
                if (m instanceof ScanMessage point) {
                    segments.add(point);
                    pointsSeen.computeIfAbsent(point.scanId(), id -> new java.util.concurrent.atomic.AtomicLong())
                            .incrementAndGet();
                }
            });
            arrived();
        });
        bus.subscribe(Endpoints.alarms(), e -> {
            if (e.value() instanceof AlarmMessage m) {
                alarms.add(m);
            }
        });
        bus.subscribe(Endpoints.scanQueueRequestResponse(), e -> responses.add(e.as(RequestResponseMessage.class)));
        lifecycle = new ServiceLifecycle(bus, "test", Duration.ofMillis(500));
        alarmPublisher = new AlarmPublisher(bus);
        devices = new DeviceServerHandle(bus, alarmPublisher, lifecycle);
        Await.until("device server running", devices::running);
        devices.load(session);
        bundler = new BundlerHandle(bus, lifecycle);
        catalogue = new ScanCatalogue(bus, alarmPublisher);
        for (ScanDefinition definition : StandardScansAccess.definitions()) {
            offer(definition);
        }
        Await.until("scans offered", () -> bus.get(Endpoints.availableScans())
                .map(m -> ((Map<?, ?>) m.resource()).containsKey("line_scan")).orElse(false));
        guard = new ScanGuard(bus);
        queues = new QueueManager(bus, alarmPublisher, lifecycle, catalogue, scanServerSettings);
        Await.until("services running", () -> bundler.running() && guard.listening() && queues.running());
    }

    /** Every service up: device server, scan bundler, guard subscribed, queue manager. */
    boolean allRunning() {
        return devices.running() && bundler.running() && guard.listening() && queues.running();
    }

    /** Registers a scan as a scan bundle would; returns its service id. */
    long offer(ScanDefinition definition) {
        long id = nextServiceId++;
        catalogue.addScan(definition, Map.of(Constants.SERVICE_ID, id));
        return id;
    }

    void withdraw(long serviceId) {
        catalogue.removeScan(null, Map.of(Constants.SERVICE_ID, serviceId));
    }

    /**
     * Waits until the scans offered now are what the guard reads: no publish pending (the last one
     * started after the change) and the name on the bus.
     */
    void awaitOffered(String name) throws InterruptedException {
        Await.until(name + " offered", () -> !catalogue.publishPending() && bus.get(Endpoints.availableScans())
                .map(m -> ((Map<?, ?>) m.resource()).containsKey(name)).orElse(false));
    }

    /** Submits a request as BEC's client does; returns its RID. */
    String submit(String scanType, Object args, Map<String, Object> kwargs, String queue) {
        return submit(scanType, args, kwargs, queue, Map.of());
    }

    /** With request metadata of the client's (user_metadata, file_suffix, file_directory). */
    String submit(String scanType, Object args, Map<String, Object> kwargs, String queue, Map<String, Object> extra) {
        String rid = UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>(extra);
        metadata.put("RID", rid);
        metadata.put("client_info", Map.of("acl_user", "default", "username", "test", "hostname", "test"));
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("args", args);
        parameter.put("kwargs", kwargs);
        bus.send(Endpoints.scanQueueRequest("default"),
                new ScanQueueMessage(metadata, scanType, parameter, queue, true));
        return rid;
    }

    String lineScan(String device, double start, double stop, int steps, Map<String, Object> more, String queue) {
        Map<String, Object> kwargs = new LinkedHashMap<>(Map.of("steps", steps, "relative", false));
        kwargs.putAll(more);
        return submit("line_scan", Map.of(device, List.of(start, stop)), kwargs, queue);
    }

    void modify(String action, String queue, Map<String, Object> parameter) {
        bus.send(Endpoints.scanQueueModificationRequest(),
                new ScanQueueModificationMessage(null, null, null, action, parameter, queue));
    }

    /** A slow scan of samx (exp_time 0.05 s per point) that tests can pause, abort or restart midway. */
    String slowScan(String device, int points, boolean relative, String queue) {
        return submit("line_scan", Map.of(device, List.of(-5.0, 5.0)),
                Map.of("steps", points, "relative", relative, "exp_time", 0.05), queue);
    }

    void modify(String action, String queue, Map<String, Object> parameter, Object scanId) {
        bus.send(Endpoints.scanQueueModificationRequest(),
                new ScanQueueModificationMessage(null, scanId, null, action, parameter, queue));
    }

    /** Waits until the scan of a request has emitted at least that many points. */
    void awaitPoints(String rid, int points) throws InterruptedException {
        String scanId = awaitStatus(rid, "open").scanId();
        Await.until(points + " points of " + rid, () -> segmentsOf(scanId).size() >= points);
    }

    /** The scan ids of a queue's items, in queue order, as the published status shows them. */
    List<String> queuedScanIds(String queue) {
        ScanQueueStatus status = queue(queue);
        List<String> ids = new ArrayList<>();
        if (status != null) {
            status.info().forEach(entry -> ids.add(String.valueOf(entry.scanId().get(0))));
        }
        return ids;
    }

    /** The scan status of a request once it matches, waiting for it. */
    ScanStatusMessage awaitStatus(String rid, String status) throws InterruptedException {
        Await.until("scan of " + rid + " " + status + "; seen " + statusesOf(rid), () -> statusOf(rid, status) != null);
        return statusOf(rid, status);
    }

    private void arrived() {
        synchronized (arrivals) {
            arrivals[0]++;
            arrivals.notifyAll();
        }
    }

    /**
     * Waits, without polling, until {@code done} holds; it is checked at every status and segment that
     * arrives. A harness that polls takes CPU and wake-ups from the services it measures.
     *
     * @return whether it held within {@code timeout}
     */
    boolean awaitArrivals(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (arrivals) {
                seen = arrivals[0];
            }
            if (done.getAsBoolean()) {
                return true;
            }
            synchronized (arrivals) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                if (arrivals[0] == seen) {
                    TimeUnit.NANOSECONDS.timedWait(arrivals, left);
                }
            }
        }
    }

    /** The points of a scan that reached the bundler's output so far. */
    long pointsSeen(String scanId) {
        java.util.concurrent.atomic.AtomicLong n = pointsSeen.get(scanId);
        return n == null ? 0 : n.get();
    }

    ScanStatusMessage statusOf(String rid, String status) {
        return statuses.stream().filter(s -> rid.equals(s.info().get("RID")) && status.equals(s.status())).findFirst()
                .orElse(null);
    }

    List<String> statusesOf(String rid) {
        return statuses.stream().filter(s -> rid.equals(s.info().get("RID"))).map(ScanStatusMessage::status).toList();
    }

    List<ScanMessage> segmentsOf(String scanId) {
        return segments.stream().filter(s -> scanId.equals(s.scanId())).toList();
    }

    double position(String device) {
        DeviceMessage m = bus.get(Endpoints.deviceReadback(device)).orElseThrow();
        return ((Number) ((Map<?, ?>) m.signals().get(device)).get("value")).doubleValue();
    }

    ScanQueueStatus queue(String name) {
        return bus.get(Endpoints.scanQueueStatus()).map(m -> m.queue().get(name)).orElse(null);
    }

    List<AlarmMessage> alarms(Predicate<AlarmMessage> which) {
        return alarms.stream().filter(which).toList();
    }

    List<String> history() {
        List<String> out = new ArrayList<>();
        bus.lrange(Endpoints.scanQueueHistory(), 0, -1).forEach(h -> out.add(h.status()));
        return out;
    }

    @Override
    public void close() {
        queues.stop();
        guard.stop();
        catalogue.stop();
        bundler.stop();
        devices.stop();
        lifecycle.stop();
        bus.close();
    }

}
