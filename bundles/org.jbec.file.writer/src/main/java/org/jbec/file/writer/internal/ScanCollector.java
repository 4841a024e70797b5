package org.jbec.file.writer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.file.api.Column;

/**
 * What the writer gathers of one scan while it runs (bec-behaviour.md §8.2): its open status, its
 * points as columns (in memory for scalars, part files for large arrays), and its final status.
 */
final class ScanCollector {

    static final Set<String> STOPPED = Set.of("aborted", "halted", "user_completed");

    final ScanStatusMessage open;
    /** The master file, or null when the scan's names were refused ({@link #namingProblem}). */
    final Path master;
    final String namingProblem;
    private final PartWriter parts;
    private final Map<String, Map<String, ColumnBuilder>> monitored = new LinkedHashMap<>();
    private final BitSet arrived = new BitSet();
    private final Map<String, Map<String, AsyncSignal>> async = new LinkedHashMap<>();
    private final Map<String, String> lastAsyncEntry = new java.util.HashMap<>();
    private final java.util.List<org.jbec.bus.api.Subscription> asyncStreams = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ScanStatusMessage end;
    /**
     * When the scan opened and ended: the statuses' timestamps, or the time they arrived when a
     * client sent them without one (nil, which BEC would refuse): the file is still written.
     */
    final double openedAt;
    private volatile double endedAt;
    private IOException dataProblem;
    boolean written;
    /** The bundler's baseline of this scan was seen on the bus (it may also be in Redis without that). */
    volatile boolean baselineSeen;
    /** The bounded wait for a late baseline has begun. */
    boolean baselineWaitStarted;

    ScanCollector(ScanStatusMessage open, Path master, String namingProblem, long partBoundBytes) {
        this.open = open;
        this.openedAt = timeOf(open);
        this.master = master;
        this.namingProblem = namingProblem;
        Path partsDirectory = master == null ? null
                : master.resolveSibling(master.getFileName().toString().replace(".h5", "_parts"));
        this.parts = new PartWriter(partsDirectory, partBoundBytes);
    }

    synchronized void add(ScanMessage point) {
        int id = point.pointId().intValue();
        arrived.set(id);
        point.data().forEach((device, signals) -> {
            if (!(signals instanceof Map<?, ?> map)) {
                return;
            }
            Map<String, ColumnBuilder> columns = monitored.computeIfAbsent(device, d -> new LinkedHashMap<>());
            map.forEach((signal, reading) -> {
                if (reading instanceof Map<?, ?> r && dataProblem == null && parts.directory() != null) {
                    String name = String.valueOf(signal);
                    try {
                        columns.computeIfAbsent(name, n -> new ColumnBuilder(device + "_" + n, parts))
                                .put(id, r.get("value"), r.get("timestamp") instanceof Number t ? t.doubleValue() : 0);
                    } catch (IOException e) {
                        dataProblem = e; // reported when the file is written
                    }
                }
            });
        });
    }

    /**
     * An entry of a device's async readback stream; entries at or before the last one taken are
     * ignored, so the live subscription and the final catch-up read can overlap.
     */
    synchronized void addAsync(String device, String entryId, org.jbec.bus.api.message.DeviceMessage message) {
        if (!newer(entryId, lastAsyncEntry.get(device)) || parts.directory() == null || dataProblem != null) {
            return;
        }
        lastAsyncEntry.put(device, entryId);
        Map<?, ?> update = message.metadata().get("async_update") instanceof Map<?, ?> u ? u : Map.of();
        String type = update.get("type") instanceof String t ? t : "add";
        java.util.List<?> maxShape = update.get("max_shape") instanceof java.util.List<?> l ? l : null;
        Long index = update.get("index") instanceof Number n ? n.longValue() : null;
        Map<String, AsyncSignal> signals = async.computeIfAbsent(device, d -> new LinkedHashMap<>());
        message.signals().forEach((signal, reading) -> {
            if (reading instanceof Map<?, ?> r) {
                try {
                    signals.computeIfAbsent(signal, n -> new AsyncSignal(device + "_" + n, parts))
                            .add(r.get("value"), r.get("timestamp"), type, maxShape, index);
                } catch (IOException e) {
                    dataProblem = e;
                }
            }
        });
    }

    synchronized String lastAsyncEntry(String device) {
        return lastAsyncEntry.get(device);
    }

    void followAsync(org.jbec.bus.api.Subscription stream) {
        asyncStreams.add(stream);
    }

    void stopFollowingAsync() {
        asyncStreams.forEach(org.jbec.bus.api.Subscription::close);
        asyncStreams.clear();
    }

    /** Stream ids "ms-seq" in order; anything is newer than nothing. */
    static boolean newer(String id, String than) {
        if (than == null) {
            return true;
        }
        String[] a = id.split("-");
        String[] b = than.split("-");
        int byTime = Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0]));
        return byTime != 0 ? byTime > 0 : Long.parseLong(a.length > 1 ? a[1] : "0") > Long.parseLong(b.length > 1 ? b[1] : "0");
    }

    synchronized Map<String, Map<String, Column>> asyncColumns() throws IOException {
        if (dataProblem != null) {
            throw dataProblem;
        }
        Map<String, Map<String, Column>> out = new LinkedHashMap<>();
        for (var device : async.entrySet()) {
            Map<String, Column> signals = new LinkedHashMap<>();
            for (var signal : device.getValue().entrySet()) {
                signals.put(signal.getKey(), signal.getValue().build());
            }
            out.put(device.getKey(), signals);
        }
        return out;
    }

    void finish(ScanStatusMessage status) {
        endedAt = timeOf(status);
        end = status;
    }

    double endedAt() {
        return endedAt;
    }

    private static double timeOf(ScanStatusMessage status) {
        return status.timestamp() != null ? status.timestamp() : System.currentTimeMillis() / 1e3;
    }

    ScanStatusMessage end() {
        return end;
    }

    synchronized int pointsArrived() {
        return arrived.cardinality();
    }

    /**
     * A closed scan with baseline devices: the scan server waited for their read before closing, but
     * the bundler publishes the baseline on its own thread, so it may reach Redis just after the
     * {@code closed} status reaches this writer. BEC fetches it once and writes the file without it
     * then; this writer waits for it a bounded time.
     */
    boolean expectsBaseline() {
        ScanStatusMessage e = end;
        return e != null && !STOPPED.contains(e.status()) && e.readoutPriority() != null
                && e.readoutPriority().get("baseline") instanceof java.util.List<?> devices && !devices.isEmpty();
    }

    /** BEC's rule: stopped scans at once; closed ones once every readout arrived (or there are none to wait for). */
    synchronized boolean ready() {
        ScanStatusMessage e = end;
        if (e == null) {
            return false;
        }
        if (STOPPED.contains(e.status())) {
            return true;
        }
        long expected = e.numMonitoredReadouts() == null ? 0 : e.numMonitoredReadouts();
        Object monitoredDevices = e.readoutPriority() == null ? null : e.readoutPriority().get("monitored");
        boolean nothingToWaitFor = !(monitoredDevices instanceof java.util.List<?> l) || l.isEmpty();
        return nothingToWaitFor || arrived.cardinality() >= expected;
    }

    synchronized Map<String, Map<String, Column>> columns() throws IOException {
        if (dataProblem != null) {
            throw dataProblem;
        }
        Map<String, Map<String, Column>> out = new LinkedHashMap<>();
        for (var device : monitored.entrySet()) {
            Map<String, Column> signals = new LinkedHashMap<>();
            for (var signal : device.getValue().entrySet()) {
                signals.put(signal.getKey(), signal.getValue().build());
            }
            out.put(device.getKey(), signals);
        }
        return out;
    }
}
