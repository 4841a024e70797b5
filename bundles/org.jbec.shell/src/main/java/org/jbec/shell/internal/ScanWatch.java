package org.jbec.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;

/**
 * Follows one request's scan as BEC's client does: a table row per point (report devices, then
 * monitored devices) with progress and ETA, status changes as they come, a summary at the end.
 * Ctrl-C asks for a deferred pause; a second one within 10 s aborts the scan.
 */
final class ScanWatch {

    private static final int MAX_COLUMNS = 8;
    private static final long SECOND_CTRL_C_NANOS = 10_000_000_000L;

    private final BecClient client;
    private final PrintStream out;
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final TreeMap<Long, ScanMessage> pending = new TreeMap<>();
    private String scanId;
    private List<String> columns = List.of();
    private long total;
    private long nextPoint;
    private long openedNanos;
    private long ctrlCNanos = -1;
    private boolean queued;

    ScanWatch(BecClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    private static final Object CTRL_C = new Object();

    /** Stops listening (a request that was refused). */
    void close() {
        subscriptions.forEach(Subscription::close);
    }

    private final java.util.List<Subscription> subscriptions = new java.util.ArrayList<>();

    /**
     * Starts listening; call before the request goes out, so that nothing of a quick scan (or of a
     * request that fails at once) is missed.
     */
    ScanWatch listen() {
        subscriptions.add(client.bus().subscribe(Endpoints.scanStatus(), e -> events.add(e.value())));
        subscriptions.add(client.bus().subscribe(Endpoints.scanSegment(), e -> events.addAll(e.messages())));
        subscriptions.add(client.bus().subscribe(Endpoints.alarms(), e -> events.add(e.value())));
        subscriptions.add(client.bus().subscribe(Endpoints.scanQueueStatus(), e -> events.add(e.value())));
        return this;
    }

    /** Follows the scan of a request until it ends; returns its final status (null if it never opened). */
    ScanStatusMessage follow(String rid, org.apache.felix.service.command.CommandSession session) {
        boolean abortOnCtrlC = ShellSettings.abortOnCtrlC(session);
        try (CtrlC keys = CtrlC.route(session, () -> events.add(CTRL_C))) {
            ScanStatusMessage end = null;
            long drainUntil = 0;
            while (true) {
                Object event;
                try {
                    event = events.poll(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    ctrlC(abortOnCtrlC);
                    continue;
                }
                if (event == CTRL_C) {
                    ctrlC(abortOnCtrlC);
                } else if (event instanceof org.jbec.bus.api.message.AlarmMessage a) {
                    // alarms as they come, between the rows
                    out.printf(Locale.ROOT, "ALARM %s %s%n", a.severity() != null && a.severity() >= 2 ? "MAJOR"
                            : a.severity() != null && a.severity() == 1 ? "MINOR" : "WARNING",
                            a.info().compactErrorMessage());
                } else if (event instanceof org.jbec.bus.api.message.ScanQueueStatusMessage q && scanId == null) {
                    // a request can end before its scan opens (a limit, a bad argument): then the queue says so
                    boolean inQueue = q.queue().values().stream().flatMap(v -> v.info().stream())
                            .flatMap(i -> i.requestBlocks().stream()).anyMatch(b -> rid.equals(b.RID()));
                    if (inQueue) {
                        queued = true;
                    } else if (queued) {
                        out.println("The request ended before its scan opened (see the alarm above)");
                        return null;
                    }
                } else if (event instanceof ScanStatusMessage s && rid.equals(s.info().get("RID"))) {
                    end = status(s, end);
                    if (end != null && drainUntil == 0) {
                        drainUntil = System.nanoTime() + 5_000_000_000L; // late segments still come from the bundler
                    }
                } else if (event instanceof ScanMessage m && m.scanId().equals(scanId)) {
                    pending.put(m.pointId(), m);
                    printReady();
                }
                if (end != null && (nextPoint >= readouts(end) || System.nanoTime() > drainUntil)) {
                    summary(end);
                    reportFile(end);
                    return end;
                }
            }
        } finally {
            subscriptions.forEach(Subscription::close);
        }
    }

    private static long readouts(ScanStatusMessage s) {
        return s.numMonitoredReadouts() == null ? 0 : s.numMonitoredReadouts();
    }

    private ScanStatusMessage status(ScanStatusMessage s, ScanStatusMessage end) {
        switch (s.status()) {
            case "open" -> {
                scanId = s.scanId();
                openedNanos = System.nanoTime();
                total = readouts(s);
                List<String> cols = new ArrayList<>();
                if (s.scanReportDevices() != null) {
                    s.scanReportDevices().forEach(d -> cols.add(String.valueOf(d)));
                }
                Object monitored = s.readoutPriority() == null ? null : s.readoutPriority().get("monitored");
                if (monitored instanceof List<?> l) {
                    l.stream().map(String::valueOf).filter(d -> !cols.contains(d)).forEach(cols::add);
                }
                columns = cols.size() > MAX_COLUMNS ? cols.subList(0, MAX_COLUMNS) : cols;
                out.printf(Locale.ROOT, "Scan %d (%s, %d points), scan_id %s%n", s.scanNumber(), s.scanName(), total,
                        s.scanId());
                StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s", "point"));
                columns.forEach(c -> header.append(String.format(Locale.ROOT, " %12s", clip(c))));
                out.println(header);
                // points that came before the open status (the bundler is quick)
                new ArrayList<>(events).stream().filter(ScanMessage.class::isInstance).map(ScanMessage.class::cast)
                        .filter(m -> m.scanId().equals(scanId)).forEach(m -> pending.put(m.pointId(), m));
                printReady();
                return end;
            }
            case "paused" -> {
                out.printf(Locale.ROOT, "Scan %d paused: 'continue' resumes it, 'abort' ends it%n", s.scanNumber());
                return end;
            }
            default -> {
                return s;
            }
        }
    }

    private void printReady() {
        while (pending.containsKey(nextPoint)) {
            ScanMessage m = pending.remove(nextPoint);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", m.pointId()));
            for (String c : columns) {
                row.append(String.format(Locale.ROOT, " %12s", value(m.data().get(c), c)));
            }
            nextPoint++;
            if (total > 0) {
                double elapsed = (System.nanoTime() - openedNanos) / 1e9;
                double eta = elapsed / nextPoint * (total - nextPoint);
                row.append(String.format(Locale.ROOT, "  %s %d/%d ETA %.1f s", bar(nextPoint, total), nextPoint, total,
                        eta));
            }
            out.println(row);
        }
    }

    private static String bar(long done, long total) {
        int width = 20;
        int filled = (int) Math.min(width, done * width / Math.max(1, total));
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    private static String value(Object device, String name) {
        if (device instanceof Map<?, ?> signals) {
            Object hinted = signals.get(name);
            if (hinted == null && !signals.isEmpty()) {
                hinted = signals.values().iterator().next();
            }
            if (hinted instanceof Map<?, ?> r) {
                Object v = r.get("value");
                return v instanceof Number n ? String.format(Locale.ROOT, "%.6g", n.doubleValue()) : clip(String.valueOf(v));
            }
        }
        return "-";
    }

    private static String clip(String s) {
        return s.length() > 12 ? s.substring(0, 11) + "…" : s;
    }

    private void ctrlC(boolean abortOnCtrlC) {
        long now = System.nanoTime();
        if (abortOnCtrlC && ctrlCNanos >= 0 && now - ctrlCNanos < SECOND_CTRL_C_NANOS) {
            client.modify("abort", "primary", Map.of(), null);
            out.println("Ctrl-C again: aborting the scan");
            ctrlCNanos = -1;
            return;
        }
        ctrlCNanos = now;
        client.modify("deferred_pause", "primary", Map.of(), null);
        out.println("Ctrl-C: the queue pauses after this scan ('continue' resumes it)"
                + (abortOnCtrlC ? "; Ctrl-C again within 10 s aborts the scan" : ""));
    }

    /**
     * When a file writer runs, the scan's file is part of its outcome: waits (up to 30 s) for its
     * final announcement and says where it is, or that it failed.
     */
    private void reportFile(ScanStatusMessage end) {
        if (client.bus().get(Endpoints.serviceStatus("FileWriterManager")).isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            var file = client.bus().get(Endpoints.publicFile(end.scanId(), "master"));
            if (file.isPresent() && Boolean.TRUE.equals(file.get().done())) {
                out.println(Boolean.TRUE.equals(file.get().successful()) ? "file " + file.get().filePath()
                        : "file NOT written: " + file.get().filePath() + " (see alarms)");
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return; // Ctrl-C: stop waiting for the file
            }
        }
        out.println("file of scan " + end.scanNumber() + " not announced within 30 s");
    }

    private void summary(ScanStatusMessage end) {
        double seconds = openedNanos == 0 ? 0 : (System.nanoTime() - openedNanos) / 1e9;
        out.printf(Locale.ROOT, "Scan %d %s%s: %d points in %.1f s%n", end.scanNumber(), end.status(),
                end.reason() == null ? "" : " (" + end.reason() + ")", nextPoint, seconds);
    }
}
