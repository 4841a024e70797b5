package org.jbec.scan.bundler.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jbec.bus.api.message.ScanStatusMessage;

/**
 * What the bundler knows of one scan: its devices by readout priority, the points still waiting for
 * monitored devices, the baseline so far, and how far it has emitted.
 */
final class ScanState {

    final String scanId;
    volatile ScanStatusMessage status;
    final Set<String> monitored = new LinkedHashSet<>();
    final Set<String> baseline = new LinkedHashSet<>();
    /** point id → device → signals, for points not complete yet. */
    final TreeMap<Long, Map<String, Object>> points = new TreeMap<>();
    /** Points sent: each goes out once, also when its readings arrive again. */
    private final java.util.BitSet emitted = new java.util.BitSet();
    final Map<String, Object> baselineData = new LinkedHashMap<>();
    boolean baselineSent;
    long highestSent = -1;

    ScanState(ScanStatusMessage status) {
        this.scanId = status.scanId();
        this.status = status;
        Map<String, Object> priorities = status.readoutPriority() == null ? Map.of() : status.readoutPriority();
        names(priorities.get("monitored"), monitored);
        names(priorities.get("baseline"), baseline);
    }

    private static void names(Object list, Set<String> into) {
        if (list instanceof List<?> l) {
            l.forEach(o -> into.add(String.valueOf(o)));
        }
    }

    /** Adds a monitored reading; returns the point's data when every monitored device has reported. */
    synchronized Map<String, Object> monitoredReading(long pointId, String device, Map<String, Object> signals) {
        boolean trackable = pointId >= 0 && pointId <= Integer.MAX_VALUE;
        if (trackable && emitted.get((int) pointId)) {
            return null; // a reading sent again after a Redis outage: the point went out already
        }
        Map<String, Object> point = points.computeIfAbsent(pointId, k -> new LinkedHashMap<>());
        point.put(device, signals);
        if (!point.keySet().containsAll(monitored)) {
            return null;
        }
        points.remove(pointId);
        if (trackable) {
            emitted.set((int) pointId);
        }
        highestSent = Math.max(highestSent, pointId);
        // in the order of the monitored devices, as they were configured
        Map<String, Object> ordered = new LinkedHashMap<>();
        monitored.forEach(d -> ordered.put(d, point.get(d)));
        return ordered;
    }

    /** Adds a baseline reading; returns the baseline once, when every baseline device has reported. */
    synchronized Map<String, Object> baselineReading(String device, Map<String, Object> signals) {
        baselineData.put(device, signals);
        if (baselineSent || !baselineData.keySet().containsAll(baseline)) {
            return null;
        }
        baselineSent = true;
        return new LinkedHashMap<>(baselineData);
    }

    /** BEC's progress maximum: num_monitored_readouts, else num_points, else the point itself + 1. */
    long maxValue(long pointId) {
        Long readouts = status.numMonitoredReadouts();
        if (readouts != null && readouts > 0) {
            return readouts;
        }
        Long points = status.numPoints();
        return points != null && points > 0 ? points : pointId + 1;
    }

    boolean finished() {
        return !"open".equals(status.status()) && !"paused".equals(status.status());
    }

    List<String> scanReportDevices() {
        return status.scanReportDevices() == null ? List.of()
                : new ArrayList<>(status.scanReportDevices().stream().map(String::valueOf).toList());
    }
}
