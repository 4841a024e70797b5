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
    /** Earlier scans kept for comparison: the newest ones, at most this many and this many points in all. */
    static final int MAX_EARLIER_SCANS = 10;
    static final int MAX_EARLIER_POINTS = 100_000;

    private Map<String, Object> scan = Map.of();
    private String scanId;
    private final List<Map<String, Object>> points = new ArrayList<>();
    private Map<String, Object> queues = Map.of();
    private final Deque<Map<String, Object>> alarms = new ArrayDeque<>();
    private final Map<String, Double> readbacks = new LinkedHashMap<>();
    private final Deque<EarlierScan> earlier = new ArrayDeque<>();
    private final java.util.Set<String> moving = new java.util.TreeSet<>();
    /** Devices whose readback changed since their moving state was last read. */
    private final java.util.Set<String> changed = new java.util.LinkedHashSet<>();
    /** Devices without a moving state (not positioners): not asked again. */
    private final java.util.Set<String> stateless = new java.util.HashSet<>();

    /** Records a scan status; the returned update says whether a new scan started (its points reset). */
    synchronized Map<String, Object> scanStatus(ScanStatusMessage m) {
        boolean newScan = !Objects.equals(scanId, m.scanId());
        if (newScan) {
            keepForComparison();
            points.clear();
            scanId = m.scanId();
        }
        scan = BusValues.scan(m);
        Map<String, Object> update = new LinkedHashMap<>(scan);
        update.put("reset", newScan);
        if (newScan) {
            update.put("earlier", earlierScans());
        }
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
                Map<String, Object> point = pointView(p);
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

    /** A scan that ran while the page was served, with its points, for comparison with the current one. */
    record EarlierScan(Map<String, Object> scan, List<Map<String, Object>> points) {
        Map<String, Object> summary() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("scanNumber", scan.get("scanNumber"));
            out.put("scanName", scan.get("scanName"));
            out.put("status", scan.get("status"));
            out.put("points", points.size());
            return out;
        }
    }

    /**
     * An earlier scan read back from the bus (the web view started after it ran): kept behind the ones
     * already known, within the same bounds. False when it is known already or has no points.
     */
    synchronized boolean addEarlier(ScanStatusMessage status, List<ScanMessage> scanPoints) {
        if (scanPoints.isEmpty() || status.scanId().equals(scanId)
                || earlier.stream().anyMatch(e -> status.scanId().equals(e.scan().get("scanId")))) {
            return false;
        }
        int total = earlier.stream().mapToInt(e -> e.points().size()).sum();
        if (earlier.size() >= MAX_EARLIER_SCANS || total + scanPoints.size() > MAX_EARLIER_POINTS) {
            return false;
        }
        List<Map<String, Object>> kept = scanPoints.stream()
                .sorted(java.util.Comparator.comparingLong(ScanMessage::pointId)).map(LiveState::pointView).toList();
        earlier.addLast(new EarlierScan(BusValues.scan(status), kept));
        return true;
    }

    private void keepForComparison() {
        if (scanId == null || points.isEmpty() || !(scan.get("scanNumber") instanceof Number)) {
            return;
        }
        earlier.addFirst(new EarlierScan(scan, List.copyOf(points)));
        int total = earlier.stream().mapToInt(e -> e.points().size()).sum();
        while (earlier.size() > MAX_EARLIER_SCANS || (total > MAX_EARLIER_POINTS && earlier.size() > 1)) {
            total -= earlier.removeLast().points().size();
        }
    }

    /** The earlier scans, newest first: number, name, final status and point count. */
    synchronized List<Map<String, Object>> earlierScans() {
        return earlier.stream().map(EarlierScan::summary).toList();
    }

    /** An earlier scan by number: its status and points, or null when it is not kept. */
    synchronized Map<String, Object> earlierScan(long number) {
        for (EarlierScan e : earlier) {
            if (e.scan().get("scanNumber") instanceof Number n && n.longValue() == number) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("scan", e.scan());
                out.put("points", e.points());
                return out;
            }
        }
        return null;
    }

    /** A point as the page draws it: its id and each device's value. */
    private static Map<String, Object> pointView(ScanMessage p) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("point", p.pointId());
        point.put("values", BusValues.pointValues(p.data()));
        return point;
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
        String name = BusValues.clip(device);
        readbacks.put(name, value);
        if (!stateless.contains(name)) {
            changed.add(name);
        }
        return true;
    }

    /** The devices whose moving state should be read now: readback changed, or shown moving. */
    synchronized List<String> movingToCheck() {
        java.util.Set<String> check = new java.util.LinkedHashSet<>(changed);
        check.addAll(moving);
        changed.clear();
        return new ArrayList<>(check);
    }

    /** Records a device's moving state as read (empty: it has none); true when what is shown changed. */
    synchronized boolean moving(String device, java.util.Optional<Boolean> isMoving) {
        if (isMoving.isEmpty()) {
            stateless.add(device);
            return moving.remove(device);
        }
        return isMoving.get() ? moving.add(device) : moving.remove(device);
    }

    /** Each device's last readback ({@code values}) and the devices moving now ({@code moving}). */
    synchronized Map<String, Object> readbacks() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("values", new LinkedHashMap<>(readbacks));
        out.put("moving", new ArrayList<>(moving));
        return out;
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
        all.put("readbacks", readbacks());
        all.put("earlier", earlierScans());
        return all;
    }
}
