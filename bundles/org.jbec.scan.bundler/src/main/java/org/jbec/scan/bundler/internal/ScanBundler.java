package org.jbec.scan.bundler.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.BundleMessage;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.ProgressMessage;
import org.jbec.bus.api.message.ScanBaselineMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.service.BecServices;
import org.jbec.service.ServiceConflictException;
import org.jbec.service.ServiceHandle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEC's scan bundler (bec-behaviour.md §7): collects the monitored readings of each point from
 * {@code info/devices/read/*} and, once every monitored device has reported, emits a ScanMessage;
 * emitted messages go out together as one BundleMessage on {@code info/scans/scan_segment} (at most
 * every 100 ms) with their public per-point keys; the baseline is sent once complete; progress
 * follows the points.
 */
@Component(immediate = true)
public final class ScanBundler {

    static final Duration FLUSH_PERIOD = Duration.ofMillis(100);
    static final Duration UNKNOWN_SCAN_WAIT = Duration.ofSeconds(10);
    static final int KEPT_SCANS = 10;

    private final Logger logger = LoggerFactory.getLogger(ScanBundler.class);
    private final Connector bus;
    private final BecServices services;
    private final Map<String, ScanState> scans = new ConcurrentHashMap<>();
    private final List<String> scanOrder = new ArrayList<>();
    private final ConcurrentLinkedQueue<ScanMessage> pending = new ConcurrentLinkedQueue<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(4, named("jbec-bundler-read"));
    private final ScheduledExecutorService emitter = Executors.newSingleThreadScheduledExecutor(named("jbec-bundler-emit"));
    private final List<Subscription> subscriptions = new ArrayList<>();
    private volatile ServiceHandle handle;

    @Activate
    public ScanBundler(@Reference Connector bus, @Reference BecServices services) {
        this.bus = bus;
        this.services = services;
        emitter.scheduleWithFixedDelay(this::flushQuietly, FLUSH_PERIOD.toMillis(), FLUSH_PERIOD.toMillis(),
                TimeUnit.MILLISECONDS);
        readers.execute(this::start);
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName(name);
            t.setDaemon(true);
            return t;
        };
    }

    private void start() {
        try {
            handle = services.register("ScanBundler", true);
        } catch (ServiceConflictException e) {
            logger.error("Scan bundler not started: {}", e.getMessage());
            return;
        }
        subscriptions.add(bus.subscribe(Endpoints.scanStatus(), this::onStatus));
        subscriptions.add(bus.subscribe(Endpoints.deviceRead("*"), this::onReadingEvent));
        handle.setStatus(BecStatus.RUNNING);
    }

    boolean running() {
        ServiceHandle h = handle;
        return h != null && h.status() == BecStatus.RUNNING;
    }

    private void onStatus(BusEvent event) {
        if (!(event.value() instanceof ScanStatusMessage status) || status.scanId() == null) {
            return;
        }
        ScanState state = scans.get(status.scanId());
        if (state == null) {
            state = track(status);
        } else {
            state.status = status;
        }
        if (state.finished()) {
            finish(state);
        }
    }

    private synchronized ScanState track(ScanStatusMessage status) {
        ScanState state = scans.computeIfAbsent(status.scanId(), id -> new ScanState(status));
        if (!scanOrder.contains(status.scanId())) {
            scanOrder.add(status.scanId());
            while (scanOrder.size() > KEPT_SCANS) {
                scans.remove(scanOrder.remove(0));
            }
        }
        return state;
    }

    /**
     * Monitored readings of a scan already known are merged right on the bus's thread: that is memory
     * work only, cheaper than the hand-off to the pool it saves (three per point of a scan). Readings
     * that may wait or talk to Redis (a baseline, a scan not known yet) go to the pool, as in BEC.
     */
    private void onReadingEvent(BusEvent event) {
        if (mergesInMemory(event)) {
            onReading(event);
        } else {
            readers.execute(() -> onReading(event));
        }
    }

    private boolean mergesInMemory(BusEvent event) {
        for (Object value : event.messages()) {
            if (value instanceof DeviceMessage reading) {
                Object scanId = reading.metadata().get("scan_id");
                if (scanId != null && (!scans.containsKey(String.valueOf(scanId))
                        || "baseline".equals(reading.metadata().get("readout_priority")))) {
                    return false;
                }
            }
        }
        return true;
    }

    private void onReading(BusEvent event) {
        for (Object value : event.messages()) {
            if (value instanceof DeviceMessage reading) {
                String device = event.topic().substring(event.topic().lastIndexOf('/') + 1);
                try {
                    handle(device, reading);
                } catch (RuntimeException e) {
                    logger.warn("Reading of {} not bundled: {}", device, e.toString());
                }
            }
        }
    }

    private void handle(String device, DeviceMessage reading) {
        Object scanId = reading.metadata().get("scan_id");
        if (scanId == null) {
            return; // readings outside scans are not the bundler's
        }
        ScanState state = scans.get(String.valueOf(scanId));
        if (state == null) {
            state = awaitScan(String.valueOf(scanId));
            if (state == null) {
                logger.warn("Reading of {} for unknown scan {} dropped after {} s", device, scanId,
                        UNKNOWN_SCAN_WAIT.toSeconds());
                return;
            }
        }
        if ("baseline".equals(reading.metadata().get("readout_priority"))) {
            Map<String, Object> baseline = state.baselineReading(device, reading.signals());
            if (baseline != null) {
                ScanBaselineMessage message = new ScanBaselineMessage(new LinkedHashMap<>(state.status.info()),
                        state.scanId, baseline);
                bus.set(Endpoints.publicScanBaseline(state.scanId), message, Duration.ofSeconds(1800));
                bus.setAndPublish(Endpoints.scanBaseline(), message);
            }
            return;
        }
        Object pointId = reading.metadata().get("point_id");
        if (!(pointId instanceof Number point) || !state.monitored.contains(device)) {
            return;
        }
        Map<String, Object> data = state.monitoredReading(point.longValue(), device, reading.signals());
        if (data != null) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("scan_id", state.scanId);
            metadata.put("scan_type", state.status.scanType());
            metadata.put("scan_report_devices", state.scanReportDevices());
            pending.add(new ScanMessage(metadata, point.longValue(), state.scanId, data));
        }
    }

    /** BEC: a reading may come before its scan's status; wait for the public scan info (50 ms steps). */
    private ScanState awaitScan(String scanId) {
        long deadline = System.nanoTime() + UNKNOWN_SCAN_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ScanState known = scans.get(scanId);
            if (known != null) {
                return known;
            }
            var info = bus.get(Endpoints.publicScanInfo(scanId));
            if (info.isPresent()) {
                return track(info.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        return null;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            logger.warn("Scan segments not published: {}", e.toString());
        }
    }

    /** One batch: every pending point's public key, then one bundle, then the progress. */
    void flush() {
        List<ScanMessage> messages = new ArrayList<>();
        for (ScanMessage m = pending.poll(); m != null; m = pending.poll()) {
            messages.add(m);
        }
        if (messages.isEmpty()) {
            return;
        }
        // readings are handled in parallel: a bundle goes out in point order
        messages.sort(java.util.Comparator.comparing(ScanMessage::scanId).thenComparingLong(ScanMessage::pointId));
        var batch = bus.batch();
        for (ScanMessage m : messages) {
            batch.set(Endpoints.publicScanSegment(m.scanId(), Long.toString(m.pointId())), m, Duration.ofSeconds(1800));
        }
        batch.send(Endpoints.scanSegment(), new BundleMessage(null, new ArrayList<>(messages)));
        batch.execute();
        ScanMessage last = messages.get(messages.size() - 1);
        ScanState state = scans.get(last.scanId());
        if (state != null) {
            progress(state, last.pointId() + 1, state.maxValue(last.pointId()), false);
        }
    }

    private void finish(ScanState state) {
        flush();
        long value = "closed".equals(state.status.status()) ? state.maxValue(state.highestSent)
                : state.highestSent + 1;
        progress(state, value, Math.max(value, state.maxValue(state.highestSent)), true);
    }

    private void progress(ScanState state, long value, long max, boolean done) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        Map<String, Object> info = state.status.info();
        metadata.put("scan_id", state.scanId);
        metadata.put("RID", String.valueOf(info.getOrDefault("RID", "")));
        metadata.put("queue_id", String.valueOf(info.getOrDefault("queue_id", "")));
        metadata.put("status", state.status.status());
        bus.setAndPublish(Endpoints.scanProgress(), new ProgressMessage(metadata, (double) value, (double) max, done));
    }

    @Deactivate
    void stop() {
        subscriptions.forEach(Subscription::close);
        emitter.shutdownNow();
        readers.shutdownNow();
        if (handle != null) {
            handle.close();
        }
    }
}
