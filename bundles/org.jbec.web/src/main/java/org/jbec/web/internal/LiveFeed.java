package org.jbec.web.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.ScanQueueStatusMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bus for the page and pushes every change to the connected browsers. Bus callbacks only
 * update {@link LiveState} and hand the event to the writer thread, so a slow browser never holds up
 * the connector's dispatcher. Readbacks change far more often than a person can read: they are sent
 * at most every {@link #READBACK_PERIOD_MS} ms, the newest value of each device.
 */
@Component(service = LiveFeed.class)
public final class LiveFeed {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);
    static final long READBACK_PERIOD_MS = 250;
    private static final long KEEP_ALIVE_S = 15;
    /** Camera frames are shown at most this often (each is a PNG of up to 512×512 to every browser). */
    static final long PREVIEW_PERIOD_MS = 500;
    private static final long CAMERA_LOOK_S = 3;
    /** Most browsers streaming at once; each holds a connection and a Jetty thread's worth of buffers. */
    static final int MAX_BROWSERS = 32;
    private static final String READBACK_PREFIX = "info/devices/readback/";

    private final Connector bus;
    private final WebWorkers workers;
    private final LiveState state = new LiveState();
    private final CameraPreviews cameras;
    private final List<BrowserStream> browsers = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean readbacksChanged = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new CopyOnWriteArrayList<>();
    private volatile boolean active = true;

    @Activate
    public LiveFeed(@Reference Connector bus, @Reference WebWorkers workers) {
        this.bus = bus;
        this.workers = workers;
        this.cameras = new CameraPreviews(bus);
        // subscribing waits for Redis to confirm: never in activation
        workers.scheduler().execute(this::subscribe);
        timers.add(workers.scheduler().scheduleAtFixedRate(this::flushReadbacks, READBACK_PERIOD_MS,
                READBACK_PERIOD_MS, TimeUnit.MILLISECONDS));
        timers.add(workers.scheduler().scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE_S, KEEP_ALIVE_S,
                TimeUnit.SECONDS));
        timers.add(workers.scheduler().scheduleWithFixedDelay(this::lookForCameras, 1, CAMERA_LOOK_S, TimeUnit.SECONDS));
        timers.add(workers.scheduler().scheduleAtFixedRate(() -> cameras.flush(this::publish), PREVIEW_PERIOD_MS,
                PREVIEW_PERIOD_MS, TimeUnit.MILLISECONDS));
    }

    private void subscribe() {
        try {
            subscriptions.add(bus.subscribe(Endpoints.scanStatus(), e -> onScanStatus(e.as(ScanStatusMessage.class))));
            subscriptions.add(bus.subscribe(Endpoints.scanSegment(), this::onSegment));
            subscriptions.add(bus.subscribe(Endpoints.scanQueueStatus(),
                    e -> publish("queue", state.queueStatus(e.as(ScanQueueStatusMessage.class)))));
            subscriptions.add(bus.subscribe(Endpoints.alarms(),
                    e -> publish("alarm", state.alarm(e.as(AlarmMessage.class), System.currentTimeMillis()))));
            subscriptions.add(bus.subscribe(Endpoints.deviceReadback("*"), this::onReadback));
            // what was there before we subscribed (stored values of SET_PUBLISH endpoints)
            bus.get(Endpoints.scanQueueStatus()).ifPresent(m -> publish("queue", state.queueStatus(m)));
            bus.get(Endpoints.scanStatus()).ifPresent(this::onScanStatus);
            if (EarlierScansLoader.load(bus, state) > 0) {
                publish("earlier", Map.of("earlier", state.earlierScans()));
            }
            if (!active) {
                unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.warn("web view: cannot subscribe to the bus, retrying in 5 s: {}", e.toString());
            unsubscribe();
            if (active) {
                workers.scheduler().schedule(this::subscribe, 5, TimeUnit.SECONDS);
            }
        }
    }

    private void onScanStatus(ScanStatusMessage m) {
        publish("scan", state.scanStatus(m));
    }

    private void onSegment(BusEvent e) {
        Map<String, Object> update = state.segment(e.messages(), System.currentTimeMillis());
        if (update != null) {
            publish("points", update);
        }
    }

    private void onReadback(BusEvent e) {
        String topic = e.topic();
        if (topic.startsWith(READBACK_PREFIX) && e.value() instanceof DeviceMessage m
                && state.readback(topic.substring(READBACK_PREFIX.length()), m.signals())) {
            readbacksChanged.set(true);
        }
    }

    private void flushReadbacks() {
        boolean changed = readbacksChanged.getAndSet(false);
        // a positioner's moving state (info/devices/status/<device>, a key the device server sets with
        // each readback): read for devices whose readback changed and for those still shown moving, so
        // the end of a motion is seen even when no readback follows the last status
        try {
            for (String device : state.movingToCheck()) {
                changed |= state.moving(device, bus.get(Endpoints.deviceStatus(device))
                        .map(m -> m.status() != null && m.status() != 0L));
            }
        } catch (RuntimeException e) {
            LOG.debug("moving states not read: {}", e.toString());
        }
        if (changed) {
            publish("readbacks", state.readbacks());
        }
    }

    private void lookForCameras() {
        try {
            cameras.discover();
        } catch (RuntimeException e) {
            LOG.debug("camera previews not looked for: {}", e.toString());
        }
    }

    private void keepAlive() {
        toBrowsers(() -> browsers.removeIf(b -> !b.keepAlive()));
    }

    private void publish(String event, Map<String, Object> data) {
        String json = Json.write(data);
        toBrowsers(() -> browsers.removeIf(b -> !b.send(event, json)));
    }

    /** Runs a write on the writer thread; once the bundle stops, there is no one left to write to. */
    private void toBrowsers(Runnable write) {
        try {
            workers.writer().execute(write);
        } catch (RejectedExecutionException stopping) {
            // the writer shut down with the bundle: the streams are closed already
        }
    }

    /**
     * Adds a browser: it gets the snapshot first, then every update, in order (both go through the
     * one writer thread). False when {@link #MAX_BROWSERS} are connected.
     */
    boolean attach(BrowserStream browser) {
        if (browsers.size() >= MAX_BROWSERS) {
            return false;
        }
        toBrowsers(() -> {
            Map<String, Object> snapshot = state.snapshot();
            snapshot.put("previews", cameras.latest());
            if (browser.send("snapshot", Json.write(snapshot))) {
                browsers.add(browser);
            }
        });
        return true;
    }

    private void unsubscribe() {
        subscriptions.forEach(Subscription::close);
        subscriptions.clear();
    }

    @Deactivate
    void stop() {
        active = false;
        timers.forEach(t -> t.cancel(false));
        unsubscribe();
        cameras.close();
        // on the writer thread, so that no write is under way on a stream being closed
        toBrowsers(() -> {
            browsers.forEach(BrowserStream::close);
            browsers.clear();
        });
    }

    /** An earlier scan the page can compare with, or null. */
    Map<String, Object> earlierScan(long number) {
        return state.earlierScan(number);
    }

    /** The current scan's points of two devices, as (x values, y values). */
    double[][] curve(String x, String y) {
        return state.curve(x, y);
    }
}
