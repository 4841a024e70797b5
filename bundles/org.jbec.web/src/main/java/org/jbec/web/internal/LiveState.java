package org.jbec.web.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanQueueStatusMessage;
import org.jbec.bus.api.message.ScanStatusMessage;

/**
 * What the page shows, as last seen on the bus: the current scan and its points, the queues, the
 * newest alarms and the last readback of each device. A browser that connects gets all of it at once
 * ({@link #snapshot()}), then the updates. Every collection is bounded so that a long scan or an
 * alarm storm cannot grow the heap or the snapshot without limit. Thread-safe.
 */
final class LiveState {

    static final int MAX_POINTS = 20_000;
    static final int MAX_ALARMS = 100;
    static final int MAX_DEVICES = 1_000;

    private Map<String, Object> scan = Map.of();
    private String scanId;
    private final List<Map<String, Object>> points = new ArrayList<>();
    private Map<String, Object> queues = Map.of();
    private final Deque<Map<String, Object>> alarms = new ArrayDeque<>();
    private final Map<String, Double> readbacks = new LinkedHashMap<>();

    /** Records a scan status; the returned update says whether a new scan started (its points reset). */
    synchronized Map<String, Object> scanStatus(ScanStatusMessage m) {
        boolean newScan = !Objects.equals(scanId, m.scanId());
        if (newScan) {
            points.clear();
            scanId = m.scanId();
        }
        scan = BusValues.scan(m);
        Map<String, Object> update = new LinkedHashMap<>(scan);
        update.put("reset", newScan);
        return update;
    }

    /**
     * Records the points of a scan segment that belong to the current scan (a segment of another scan,
     * e.g. a late one of the previous scan, is dropped); the update lists them, or null when none.
     */
    synchronized Map<String, Object> segment(List<?> messages, long receivedMs) {
        List<Map<String, Object>> added = new ArrayList<>();
        for (Object message : messages) {
            if (message instanceof ScanMessage p && p.scanId().equals(scanId) && points.size() < MAX_POINTS) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("point", p.pointId());
                point.put("values", BusValues.pointValues(p.data()));
                point.put("busMs", receivedMs);
                points.add(point);
                added.add(point);
            }
        }
        if (added.isEmpty()) {
            return null;
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("scanId", BusValues.clip(scanId));
        update.put("points", added);
        return update;
    }

    synchronized Map<String, Object> queueStatus(ScanQueueStatusMessage m) {
        queues = BusValues.queues(m);
        return queues;
    }

    synchronized Map<String, Object> alarm(AlarmMessage m, long receivedMs) {
        Map<String, Object> alarm = BusValues.alarm(m, receivedMs);
        alarms.addFirst(alarm);
        while (alarms.size() > MAX_ALARMS) {
            alarms.removeLast();
        }
        return alarm;
    }

    /** Records a device's readback; false when it is not a number or too many devices are known. */
    synchronized boolean readback(String device, Object signals) {
        Double value = BusValues.deviceValue(device, signals);
        if (value == null || (!readbacks.containsKey(device) && readbacks.size() >= MAX_DEVICES)) {
            return false;
        }
        readbacks.put(BusValues.clip(device), value);
        return true;
    }

    synchronized Map<String, Object> readbacks() {
        return new LinkedHashMap<>(readbacks);
    }

    /** The current scan's (x, y) pairs in point order, where both devices have a value; for fits. */
    @SuppressWarnings("unchecked")
    synchronized double[][] curve(String x, String y) {
        List<double[]> pairs = new ArrayList<>();
        for (Map<String, Object> point : points) {
            Map<String, Double> values = (Map<String, Double>) point.get("values");
            Double vx = values.get(x);
            Double vy = values.get(y);
            if (vx != null && vy != null) {
                pairs.add(new double[] {vx, vy});
            }
        }
        double[][] out = new double[2][pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
            out[0][i] = pairs.get(i)[0];
            out[1][i] = pairs.get(i)[1];
        }
        return out;
    }

    synchronized Map<String, Object> snapshot() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("scan", scan);
        all.put("points", new ArrayList<>(points));
        all.put("queues", queues);
        all.put("alarms", new ArrayList<>(alarms));
        all.put("readbacks", new LinkedHashMap<>(readbacks));
        return all;
    }
}
