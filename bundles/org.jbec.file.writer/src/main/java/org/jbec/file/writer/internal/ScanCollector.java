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
    private volatile ScanStatusMessage end;
    private IOException dataProblem;
    boolean written;

    ScanCollector(ScanStatusMessage open, Path master, String namingProblem, long partBoundBytes) {
        this.open = open;
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

    void finish(ScanStatusMessage status) {
        end = status;
    }

    ScanStatusMessage end() {
        return end;
    }

    synchronized int pointsArrived() {
        return arrived.cardinality();
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
