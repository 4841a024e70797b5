package org.jbec.scan.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.ScanQueueHistoryMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.jbec.bus.api.message.ScanQueueOrderMessage;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.bus.api.message.ScanQueueStatusMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;
import org.jbec.service.BecServices;
import org.jbec.service.ServiceHandle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEC's queue manager (bec-behaviour.md §6): named queues created on first use, each with its own
 * worker, running in parallel; inserts from the guard, modifications and order changes, MAJOR alarms
 * aborting the scan they name. Every change publishes the full queue status. All queue state is
 * guarded by one lock ({@link #state}); workers wait on it.
 */
@Component(immediate = true, configurationPid = "org.jbec.servers",
        configurationPolicy = org.osgi.service.component.annotations.ConfigurationPolicy.OPTIONAL)
public final class QueueManager implements ItemControl {

    /** BEC removes a named queue after 60 s of being empty. */
    static final Duration IDLE_QUEUE_LIFETIME = Duration.ofSeconds(60);

    private final Logger logger = LoggerFactory.getLogger(QueueManager.class);
    final Connector bus;
    final Alarms alarms;
    final Object state = new Object();
    final Map<String, ScanQueue> queues = new LinkedHashMap<>();
    private final BecServices services;
    private final QueueWorker worker;
    private final QueueModifications modifications;
    final ScanNumbers numbers;
    private final ExecutorService inbox = DaemonThreads.single("jbec-queue-manager");
    private final ExecutorService workers = DaemonThreads.cached("jbec-queue-worker");
    final ScheduledExecutorService timer = DaemonThreads.scheduled("jbec-queue-timer");
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final InstructionTracker tracker;
    private volatile boolean closed;
    private volatile ServiceHandle handle;
    /** How long a named queue stays after it emptied (tests shorten it). */
    volatile Duration idleQueueLifetime = IDLE_QUEUE_LIFETIME;

    /** True once every subscription is confirmed and the service announced RUNNING. */
    boolean running() {
        ServiceHandle h = handle;
        return h != null && h.status() == BecStatus.RUNNING;
    }

    /** From the servers config ({@code scan_server.*}): what happens after a restart. */
    private final boolean restartInterrupted;
    private final boolean resumeAfterRestart;
    private final boolean abortOnRedisOutage;
    /** When the bus lost Redis (0: connected). */
    private volatile long outageSinceNanos;

    @Activate
    public QueueManager(@Reference Connector bus, @Reference Alarms alarms, @Reference BecServices services,
            @Reference ScanCatalogue catalogue, Map<String, Object> properties) {
        this.restartInterrupted = Boolean.TRUE.equals(properties.get("scan_server.restart_interrupted"));
        this.resumeAfterRestart = Boolean.TRUE.equals(properties.get("scan_server.resume_queue_after_restart"));
        this.abortOnRedisOutage = "abort".equals(properties.get("scan_server.on_redis_outage"));
        this.bus = bus;
        this.alarms = alarms;
        this.services = services;
        this.numbers = new ScanNumbers(bus);
        this.tracker = new InstructionTracker(bus);
        this.worker = new QueueWorker(this, catalogue, tracker, new DeviceLocks());
        this.modifications = new QueueModifications(this);
        synchronized (state) {
            queues.put("primary", new ScanQueue("primary"));
        }
        inbox.execute(this::start);
    }

    private void start() {
        try {
            handle = services.register("ScanServer", true);
        } catch (org.jbec.service.ServiceConflictException e) {
            logger.error("Scan server not started: {}", e.getMessage());
            return;
        }
        try {
            subscriptions.add(bus.subscribe(Endpoints.scanQueueInsert(), e -> inbox.execute(() -> onInsert(e))));
            subscriptions.add(bus.subscribe(Endpoints.scanQueueModification(),
                    e -> inbox.execute(() -> onModification(e))));
            subscriptions.add(bus.subscribe(Endpoints.scanQueueOrderChange(), e -> inbox.execute(() -> onOrder(e))));
            subscriptions.add(bus.subscribe(Endpoints.alarms(), e -> inbox.execute(() -> onAlarm(e))));
            subscriptions.add(bus.onStateChange(s -> inbox.execute(() -> onConnection(s))));
            synchronized (state) {
                recover();
                ensureWorker(queues.get("primary"));
            }
            publishStatus();
            handle.setStatus(BecStatus.RUNNING);
        } catch (RuntimeException e) {
            logger.error("The scan server did not start: {}", e.toString(), e);
        }
    }

    private void onInsert(BusEvent event) {
        if (!(event.value() instanceof ScanQueueMessage request)) {
            return;
        }
        synchronized (state) {
            ScanQueue queue = queue(request.queue() == null ? "primary" : request.queue());
            QueueItem head = queue.head();
            if (head != null && "STOPPED".equals(head.status)) {
                queue.buffered.add(request); // BEC holds inserts while the stopped head is cleaned up
                return;
            }
            insert(queue, request, queue.items.size());
        }
        publishStatus();
    }

    /**
     * A changed servers config must not restart the scan server under a running scan: its
     * {@code scan_server.*} settings apply from the next start.
     */
    @org.osgi.service.component.annotations.Modified
    void modified(Map<String, Object> properties) {
        logger.info("Servers config changed; the scan server's restart settings apply from its next start");
    }

    /** Takes over the queue the previous scan server left in Redis; caller holds the lock. */
    private void recover() {
        try {
            QueueRecovery.Result r = new QueueRecovery(bus, alarms).recover(this, restartInterrupted, resumeAfterRestart);
            if (r.requeued() > 0 || !r.interrupted().isEmpty()) {
                logger.warn("Queue restored after a restart: {} items queued again{}, interrupted scans {}", r.requeued(),
                        resumeAfterRestart ? "" : " (paused until continue)", r.interrupted());
            }
        } catch (RuntimeException e) {
            // a queue status that cannot be read must not keep the scan server from starting
            logger.error("The previous queue could not be restored: {}", e.toString(), e);
            alarms.raise(AlarmSeverity.MAJOR, new org.jbec.bus.api.message.ErrorInfo(java.util.UUID.randomUUID().toString(),
                    e.toString(), "The queue of the previous scan server could not be restored: " + e.getMessage(),
                    "ScanServerRestart", null), Map.of());
        }
    }

    /** An item rebuilt from a stored request, with its previous ids where given. */
    QueueItem restoredItem(ScanQueueMessage request, String queueId, String scanId) {
        return new QueueItem(request, worker.isScan(request.scanType()), queueId, scanId);
    }

    /** Adds an item for a request at a position; caller holds the lock. */
    void insert(ScanQueue queue, ScanQueueMessage request, int position) {
        boolean isScan = worker.isScan(request.scanType());
        queue.items.add(Math.min(position, queue.items.size()), new QueueItem(request, isScan));
        state.notifyAll();
    }

    /** The queue of that name, created (with its worker) on first use; caller holds the lock. */
    ScanQueue queue(String name) {
        ScanQueue queue = queues.computeIfAbsent(name, ScanQueue::new);
        ensureWorker(queue);
        return queue;
    }

    private void ensureWorker(ScanQueue queue) {
        if (!queue.workerAlive && !closed) {
            queue.workerAlive = true;
            workers.execute(() -> worker.work(queue));
        }
    }

    private void onModification(BusEvent event) {
        if (event.value() instanceof ScanQueueModificationMessage request) {
            try {
                modifications.apply(request);
            } catch (RuntimeException e) {
                logger.warn("Queue modification {} not applied: {}", request.action(), e.toString(), e);
            }
            publishStatus();
        }
    }

    private void onOrder(BusEvent event) {
        if (event.value() instanceof ScanQueueOrderMessage request) {
            modifications.reorder(request);
            publishStatus();
        }
    }

    /** BEC's scan server: a MAJOR alarm aborts the scan it names, or the active item of its queue. */
    private void onAlarm(BusEvent event) {
        if (event.value() instanceof AlarmMessage alarm && alarm.severity() != null
                && alarm.severity() >= AlarmSeverity.MAJOR.value()) {
            Map<String, Object> metadata = alarm.metadata();
            String queue = metadata.get("queue") instanceof String q ? q : "primary";
            modifications.abortForAlarm(queue, metadata.get("scan_id"));
            publishStatus();
        }
    }

    /**
     * A Redis outage: the running scans stall on the bus (its writes wait for Redis) and go on when it
     * is back; with {@code scan_server.on_redis_outage: abort} they are aborted then, by a MAJOR alarm
     * naming each. Either way the operator hears of it.
     */
    private void onConnection(org.jbec.bus.api.ConnectionState connection) {
        if (connection != org.jbec.bus.api.ConnectionState.CONNECTED) {
            if (outageSinceNanos == 0) {
                outageSinceNanos = System.nanoTime();
            }
            return;
        }
        if (outageSinceNanos == 0) {
            return;
        }
        double seconds = (System.nanoTime() - outageSinceNanos) / 1e9;
        outageSinceNanos = 0;
        List<QueueItem> active = new ArrayList<>();
        List<String> queueNames = new ArrayList<>();
        synchronized (state) {
            for (ScanQueue q : queues.values()) {
                QueueItem item = q.active();
                if (item != null && item.scanId != null) {
                    active.add(item);
                    queueNames.add(q.name);
                }
            }
        }
        for (int i = 0; i < active.size(); i++) {
            QueueItem item = active.get(i);
            String what = "Scan " + (item.scanNumber != null ? item.scanNumber : item.scanId);
            String outage = String.format(java.util.Locale.ROOT, "Redis was unreachable for %.1f s", seconds);
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("scan_id", item.scanId);
            about.put("queue", queueNames.get(i));
            if (abortOnRedisOutage) {
                alarms.raise(AlarmSeverity.MAJOR, new org.jbec.bus.api.message.ErrorInfo(java.util.UUID.randomUUID().toString(),
                        outage + " during " + what + "; aborted (scan_server.on_redis_outage: abort)",
                        what + " aborted: " + outage, "RedisOutage", null), about);
            } else {
                alarms.raise(AlarmSeverity.MINOR, new org.jbec.bus.api.message.ErrorInfo(java.util.UUID.randomUUID().toString(),
                        outage + " during " + what + "; the scan waited and went on",
                        what + " waited: " + outage, "RedisOutage", null), about);
            }
        }
    }

    @Override
    public void awaitNotPaused(QueueItem item) {
        synchronized (state) {
            while ("PAUSED".equals(item.status) && !item.stopped() && !closed) {
                try {
                    state.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void queueChanged() {
        publishStatus();
    }

    /** Sends the stop request for a stopped item's devices (bec-protocol.md §5.10). */
    void stopDevices(QueueItem item) {
        Map<String, Object> metadata = Map.of("stop_id", item.scanId != null ? List.of(item.scanId) : item.queueId);
        try {
            bus.send(Endpoints.stopDevices(), new VariableMessage(metadata, new ArrayList<>(item.ownedLocks)));
        } catch (RuntimeException e) {
            logger.warn("stop request for {} not sent: {}", item.queueId, e.toString());
        }
    }

    /**
     * A scan's hook that never reaches a checkpoint (a plugin stuck in its own code) is interrupted
     * when its item was stopped and has not finished within 5 s.
     */
    void interruptIfStuck(QueueItem item) {
        if (!timer.isShutdown()) {
            timer.schedule(() -> {
                Thread runner = item.runner;
                if (runner != null && !item.ended) {
                    logger.warn("queue item {} did not stop within 5 s: interrupting its worker", item.queueId);
                    runner.interrupt();
                }
            }, 5, TimeUnit.SECONDS);
        }
    }

    /** A finished item: to the history list, off the queue. */
    void recordHistory(ScanQueue queue, QueueItem item) {
        try {
            bus.lpush(Endpoints.scanQueueHistory(), new ScanQueueHistoryMessage(null, item.status, item.queueId,
                    item.info(null), queue.name), Limits.maxLength(100));
        } catch (RuntimeException e) {
            logger.warn("queue history entry of {} not written: {}", item.queueId, e.toString());
        }
    }

    /** SET+PUBLISH the full status of every queue. */
    void publishStatus() {
        long next;
        try {
            next = numbers.nextScanNumber();
        } catch (RuntimeException e) {
            next = 0;
        }
        Map<String, ScanQueueStatus> snapshot = new LinkedHashMap<>();
        long taken;
        synchronized (state) {
            for (ScanQueue q : queues.values()) {
                snapshot.put(q.name, q.snapshot(next));
            }
            taken = ++snapshotsTaken;
        }
        // two threads (a worker ending an item, the inbox handling its alarm) may publish in the other
        // order than they took their snapshots: an older snapshot must not overwrite a newer one
        synchronized (publishing) {
            if (taken < lastPublished) {
                return;
            }
            lastPublished = taken;
            try {
                bus.setAndPublish(Endpoints.scanQueueStatus(), new ScanQueueStatusMessage(null, snapshot));
            } catch (RuntimeException e) {
                logger.warn("queue status not published: {}", e.toString());
            }
        }
    }

    /** Guards {@link #lastPublished}; snapshots are numbered under {@link #state}. */
    private final Object publishing = new Object();
    private long snapshotsTaken;
    private long lastPublished;

    boolean closed() {
        return closed;
    }

    /** For tests: instructions still awaited. */
    int instructionsInFlight() {
        return tracker.inFlight();
    }

    @Deactivate
    void stop() {
        closed = true;
        synchronized (state) {
            state.notifyAll();
        }
        subscriptions.forEach(Subscription::close);
        tracker.close();
        inbox.shutdownNow();
        workers.shutdownNow();
        timer.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handle != null) {
            handle.close();
        }
    }
}
