package org.jbec.shell.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.ScanHistoryMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Scan history, recent alarms, the session's devices and their readings. */
@Component(service = InfoCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec",
        "osgi.command.function=history", "osgi.command.function=alarms", "osgi.command.function=devices",
        "osgi.command.function=read", "osgi.command.function=device_names",
        "osgi.command.function=scan_names" })
public final class InfoCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final BecClient client;
    /** The alarms seen since the shell started, newest last (BEC's client keeps 100). */
    private final Deque<AlarmMessage> alarms = new ArrayDeque<>();
    private final java.util.concurrent.CompletableFuture<Subscription> alarmSubscription;

    @Activate
    public InfoCommands(@Reference Connector bus) {
        this.client = new BecClient(bus);
        // subscribing waits for Redis: never on the activation thread
        this.alarmSubscription = java.util.concurrent.CompletableFuture.supplyAsync(() -> bus.subscribe(Endpoints.alarms(), e -> {
            if (e.value() instanceof AlarmMessage a) {
                synchronized (alarms) {
                    alarms.addLast(a);
                    while (alarms.size() > 100) {
                        alarms.removeFirst();
                    }
                }
            }
        }));
    }

    @Descriptor("the last scans: number, name, status, points, file (or one scan in full: history 42)")
    public String history(@Descriptor("a scan number to show in full") @Parameter(names = "--scan", absentValue = "0")
            long scan, @Descriptor("how many") @Parameter(names = "--last", absentValue = "20") int last) {
        List<ScanHistoryMessage> entries = new ArrayList<>();
        for (BusEvent e : client.bus().xrange(Endpoints.scanHistory(), "-", "+")) {
            if (e.value() instanceof ScanHistoryMessage h) {
                entries.add(h);
            }
        }
        if (scan > 0) {
            return entries.stream().filter(h -> h.scanNumber() == scan).reduce((a, b) -> b).map(this::full)
                    .orElse("no scan " + scan + " in the history");
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%6s %-20s %-16s %-15s %7s  %s%n", "scan",
                "start", "name", "status", "points", "file"));
        for (ScanHistoryMessage h : entries.subList(Math.max(0, entries.size() - last), entries.size())) {
            out.append(String.format(Locale.ROOT, "%6d %-20s %-16s %-15s %7s  %s%n", h.scanNumber(),
                    TIME.format(Instant.ofEpochMilli((long) (h.startTime() * 1000))), h.scanName(),
                    h.exitStatus() + (Boolean.FALSE.equals(h.metadata().get("successful")) ? " (no file)" : ""),
                    h.numMonitoredReadouts(), h.filePath()));
        }
        return out.toString();
    }

    private String full(ScanHistoryMessage h) {
        return String.format(Locale.ROOT, "scan %d (dataset %d) %s: %s%s%n  started %s, ended %s%n  points %s of %s"
                + "%n  file %s%n  request %s%n  data %s%n", h.scanNumber(), h.datasetNumber(), h.scanName(),
                h.exitStatus(), h.reason() == null ? "" : " (" + h.reason() + ")",
                TIME.format(Instant.ofEpochMilli((long) (h.startTime() * 1000))),
                TIME.format(Instant.ofEpochMilli((long) (h.endTime() * 1000))), h.numMonitoredReadouts(),
                h.numPoints(), h.filePath(), h.requestInputs(), h.storedDataInfo());
    }

    @Descriptor("the alarms seen since the shell started, newest last")
    public String alarms(@Descriptor("forget them") @Parameter(names = "--clear", presentValue = "true",
            absentValue = "false") boolean clear) {
        StringBuilder out = new StringBuilder();
        synchronized (alarms) {
            for (AlarmMessage a : alarms) {
                out.append(String.format(Locale.ROOT, "%-7s %s: %s%n", severity(a.severity()), a.info().exceptionType(),
                        a.info().compactErrorMessage()));
            }
            if (clear) {
                alarms.clear();
            }
        }
        return out.length() == 0 ? "no alarms" : out.toString();
    }

    private static String severity(Long s) {
        return s == null ? "?" : switch (s.intValue()) {
            case 0 -> "WARNING";
            case 1 -> "MINOR";
            default -> "MAJOR";
        };
    }

    @Descriptor("the session's devices: name, class, readout priority, enabled, tags")
    public String devices(@Descriptor("name patterns, e.g. sam*") String... patterns) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-18s %-32s %-11s %-8s %s%n", "device",
                "class", "readout", "enabled", "tags"));
        client.devices().forEach((name, config) -> {
            if (MotionCommands.matches(name, patterns)) {
                out.append(String.format(Locale.ROOT, "%-18s %-32s %-11s %-8s %s%n", name, config.get("deviceClass"),
                        config.get("readoutPriority"), !Boolean.FALSE.equals(config.get("enabled")),
                        config.get("deviceTags") == null ? "" : config.get("deviceTags")));
            }
        });
        return out.toString();
    }

    @Descriptor("reads a device now: every signal with its value (--cached: its last published reading)")
    public String read(@Descriptor("the last published reading instead of a fresh read") @Parameter(names = "--cached",
            absentValue = "false", presentValue = "true") boolean cached,
            @Descriptor("device") String device) throws InterruptedException {
        Map<?, ?> signals;
        if (cached) {
            signals = client.bus().get(Endpoints.deviceReadback(device)).map(DeviceMessage::signals)
                    .orElseThrow(() -> new IllegalArgumentException("no reading of " + device + " is published"));
        } else if (client.rpc(device, "read") instanceof Map<?, ?> fresh) {
            signals = fresh;
        } else {
            throw new IllegalStateException(device + " returned no reading");
        }
        StringBuilder out = new StringBuilder();
        signals.forEach((signal, reading) -> out.append(String.format(Locale.ROOT, "%-28s %s%n", signal,
                reading instanceof Map<?, ?> r ? r.get("value") : reading)));
        return out.toString();
    }

    @Descriptor("the session's device names (for completion and scripts)")
    public List<String> device_names() {
        return new ArrayList<>(client.devices().keySet());
    }

    @Descriptor("the names of the scans on offer (for completion and scripts)")
    public List<String> scan_names() {
        List<String> names = new ArrayList<>();
        client.scans().forEach((name, scan) -> {
            if (scan.isScan() && !scan.internal()) {
                names.add(name);
            }
        });
        return names;
    }

    @Deactivate
    void stop() {
        alarmSubscription.thenAccept(Subscription::close);
    }
}
