package org.jbec.file.writer.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.FileMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanBaselineMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.file.api.FileFormat;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;
import org.jbec.service.BecServices;
import org.jbec.service.ServiceConflictException;
import org.jbec.service.ServiceHandle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEC's file writer (bec-behaviour.md §8): collects every scan from its {@code open} status on
 * (points from the bundler's segments), and once the scan is closed and every point arrived —
 * stopped scans at once — writes its master file with the format named by
 * {@code file_writer.plugin} (formats are {@link FileFormat} services), announcing it as BEC does
 * and adding the scan history entry. Settings come from the servers config ({@code org.jbec.servers}).
 */
@Component(immediate = true, configurationPid = "org.jbec.servers", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class FileWriterService {

    /** How long a closed scan waits for missing points before its file is written with what arrived. */
    static final Duration MISSING_POINTS_WAIT = Duration.ofSeconds(30);
    /** How long a closed scan whose points all arrived waits for its baseline from the bundler. */
    static final Duration BASELINE_WAIT = Duration.ofSeconds(5);

    private final Logger logger = LoggerFactory.getLogger(FileWriterService.class);
    private final Connector bus;
    private final Alarms alarms;
    private final BecServices services;
    final WriterSettings settings;
    private final Map<String, FileFormat> formats = new ConcurrentHashMap<>();
    private final Map<String, ScanCollector> scans = new ConcurrentHashMap<>();
    private final ExecutorService collecting = Executors.newSingleThreadExecutor(Threads.named("jbec-file-collect"));
    private final ExecutorService writing = Executors.newSingleThreadExecutor(Threads.named("jbec-file-write"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.named("jbec-file-timer"));
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final MasterFileWriter writer;
    private volatile ServiceHandle handle;

    @Activate
    public FileWriterService(@Reference Connector bus, @Reference Alarms alarms, @Reference BecServices services,
            BundleContext context, Map<String, Object> properties) {
        this(bus, alarms, services, WriterSettings.of(properties, context.getBundle().getVersion().toString()));
    }

    FileWriterService(Connector bus, Alarms alarms, BecServices services, WriterSettings settings) {
        this.bus = bus;
        this.alarms = alarms;
        this.services = services;
        this.settings = settings;
        this.writer = new MasterFileWriter(bus, alarms, settings, formats);
        collecting.execute(this::start);
    }

    private void start() {
        try {
            handle = services.register("FileWriterManager", true);
        } catch (ServiceConflictException e) {
            logger.error("File writer not started: {}", e.getMessage());
            return;
        }
        subscriptions.add(bus.subscribe(Endpoints.scanStatus(), e -> collecting.execute(() -> onStatus(e))));
        subscriptions.add(bus.subscribe(Endpoints.scanSegment(), e -> collecting.execute(() -> onSegments(e))));
        subscriptions.add(bus.subscribe(Endpoints.scanBaseline(), e -> collecting.execute(() -> onBaseline(e))));
        collecting.execute(this::recoverUnwritten);
        handle.setStatus(BecStatus.RUNNING);
    }

    boolean running() {
        ServiceHandle h = handle;
        return h != null && h.status() == BecStatus.RUNNING;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFormat(FileFormat format, Map<String, Object> properties) {
        formats.put(String.valueOf(properties.getOrDefault(FileFormat.NAME, format.getClass().getSimpleName())), format);
    }

    void removeFormat(FileFormat format, Map<String, Object> properties) {
        formats.values().remove(format);
    }

    private void onStatus(BusEvent event) {
        if (!(event.value() instanceof ScanStatusMessage status) || status.scanId() == null) {
            return;
        }
        try {
            if ("open".equals(status.status())) {
                opened(status);
            } else if (!"paused".equals(status.status())) {
                ScanCollector known = scans.get(status.scanId());
                ScanCollector scan = known != null ? known : recovered(status);
                if (scan != null) {
                    scan.finish(status);
                    writeWhenReady(scan);
                    if (!scan.written) {
                        timer.schedule(() -> collecting.execute(() -> writeAnyway(scan)),
                                MISSING_POINTS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    }
                }
            }
        } catch (RuntimeException e) {
            logger.warn("scan status {} of {} not handled: {}", status.status(), status.scanId(), e.toString(), e);
        }
    }

    /**
     * A scan that ended without this writer having seen it open: the writer was down (a crash of its
     * process, a restart) while it ran. Its points are kept in Redis for 30 minutes
     * ({@code info/public/<scan>/scan_segment/<point>}), so the file is written from there. Nothing when
     * its file is done (a file announced but not done is what a writer that died leaves).
     */
    private ScanCollector recovered(ScanStatusMessage end) {
        if (end.scanNumber() == null || bus.get(Endpoints.publicFile(end.scanId(), "master"))
                .filter(f -> Boolean.TRUE.equals(f.done())).isPresent()) {
            return null;
        }

        opened(end);
        ScanCollector scan = scans.get(end.scanId());
        if (scan == null) {
            return null;
        }
        var points = org.jbec.bus.api.PublicScanPoints.read(bus, end.scanId(), Integer.MAX_VALUE);
        points.forEach(scan::add);
        logger.warn("Scan {} ended ({}) while the file writer was away: its file is written from the {} points kept in Redis",
                end.scanNumber(), end.status(), points.size());
        return scan;
    }

    /** At start: scans that ended while no file writer ran and still have no file. */
    private void recoverUnwritten() {
        try {
            for (String key : bus.keys(Endpoints.publicScanInfo("*"))) {
                String[] parts = key.split("/");
                if (parts.length == 4) {
                    bus.get(Endpoints.publicScanInfo(parts[2])).filter(s -> !"open".equals(s.status())
                            && !"paused".equals(s.status())).ifPresent(this::onStatusMessage);
                }
            }
        } catch (RuntimeException e) {
            logger.warn("scans without a file not looked for: {}", e.toString());
        }
    }

    private void onStatusMessage(ScanStatusMessage status) {
        onStatus(new BusEvent(Endpoints.scanStatus().key(), null, status));
    }

    private void opened(ScanStatusMessage status) {
        if (scans.containsKey(status.scanId())) {
            return;
        }
        // Only a scan the scan server recorded (it stores every status it publishes, as BEC's does): a
        // status of a scan nobody ran (stray or forged) must not write a file, least of all one named
        // like a real scan's.
        if (bus.get(Endpoints.publicScanInfo(status.scanId())).isEmpty()) {
            logger.warn("Scan status {} of unknown scan {} (number {}) ignored: the scan server has no record of it",
                    status.status(), status.scanId(), status.scanNumber());
            return;
        }
        ScanCollector scan = writer.collector(status);
        scans.put(status.scanId(), scan);
        // BEC's async writer: each async device's readback stream, from its first entry
        Object asyncDevices = status.readoutPriority() == null ? null : status.readoutPriority().get("async");
        if (asyncDevices instanceof List<?> devices) {
            for (Object device : devices) {
                String name = String.valueOf(device);
                scan.followAsync(bus.subscribeStream(Endpoints.deviceAsyncReadback(status.scanId(), name),
                        org.jbec.bus.api.StreamStart.FROM_START, e -> collecting.execute(() -> {
                            if (e.value() instanceof org.jbec.bus.api.message.DeviceMessage m) {
                                scan.addAsync(name, e.id(), m);
                            }
                        })));
            }
        }
        if (scan.master != null) {
            bus.setAndPublish(Endpoints.publicFile(status.scanId(), "master"), new FileMessage(null,
                    scan.master.toString(), false, false, false, null, "h5", Map.of()), Duration.ofSeconds(3600));
        }
    }

    private void onSegments(BusEvent event) {
        for (Object m : event.messages()) {
            if (m instanceof ScanMessage point) {
                ScanCollector scan = scans.get(point.scanId());
                if (scan != null) {
                    scan.add(point);
                    writeWhenReady(scan);
                }
            }
        }
    }

    private void onBaseline(BusEvent event) {
        if (event.value() instanceof ScanBaselineMessage baseline && baseline.scanId() != null) {
            ScanCollector scan = scans.get(baseline.scanId());
            if (scan != null) {
                scan.baselineSeen = true;
                writeWhenReady(scan);
            }
        }
    }

    private void writeWhenReady(ScanCollector scan) {
        if (scan.written || !scan.ready()) {
            return;
        }
        if (scan.expectsBaseline() && !scan.baselineSeen
                && bus.get(Endpoints.publicScanBaseline(scan.open.scanId())).isEmpty()) {
            if (!scan.baselineWaitStarted) {
                scan.baselineWaitStarted = true;
                timer.schedule(() -> collecting.execute(() -> writeWithoutBaseline(scan)), BASELINE_WAIT.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            return;
        }
        write(scan);
    }

    /** The baseline did not come: the file is written without it, and the operator hears of it. */
    private void writeWithoutBaseline(ScanCollector scan) {
        ScanStatusMessage end = scan.end();
        writeWithAlarm(scan, "Scan " + end.scanNumber() + ": the baseline of its devices "
                + end.readoutPriority().get("baseline") + " did not arrive within " + BASELINE_WAIT.toSeconds()
                + " s of the scan closing; the file has no baseline values.",
                "Scan " + end.scanNumber() + ": file written without its baseline", "FileWriterMissingBaseline");
    }

    /** The wait for missing points is over: the file gets what arrived, and the operator hears of it. */
    private void writeAnyway(ScanCollector scan) {
        ScanStatusMessage end = scan.end();
        writeWithAlarm(scan, "Scan " + end.scanNumber() + ": only " + scan.pointsArrived() + " of "
                + end.numMonitoredReadouts() + " points arrived within " + MISSING_POINTS_WAIT.toSeconds()
                + " s; the file holds those.", "Scan " + end.scanNumber() + ": " + scan.pointsArrived() + " of "
                + end.numMonitoredReadouts() + " points in the file", "FileWriterMissingPoints");
    }

    /**
     * A bounded wait is over: unless written meanwhile, the file is written with what came and a MINOR
     * alarm says what is missing. A scan without a number (a client may send that) still gets both.
     */
    private void writeWithAlarm(ScanCollector scan, String message, String compact, String type) {
        if (scan.written) {
            return;
        }
        ScanStatusMessage end = scan.end();
        alarms.raise(AlarmSeverity.MINOR, new org.jbec.bus.api.message.ErrorInfo(java.util.UUID.randomUUID().toString(),
                message, compact, type, null), MasterFileWriter.alarmContext(end.scanId(), end.scanNumber()));
        write(scan);
    }

    private void write(ScanCollector scan) {
        scan.written = true;
        scans.remove(scan.open.scanId());
        writing.execute(() -> writer.write(scan));
    }

    @Deactivate
    void stop() {
        subscriptions.forEach(Subscription::close);
        collecting.shutdownNow();
        timer.shutdownNow();
        writing.shutdown(); // files being written are finished
        try {
            writing.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (handle != null) {
            handle.close();
        }
    }
}
