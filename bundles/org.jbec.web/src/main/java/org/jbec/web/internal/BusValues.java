package org.jbec.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.QueueInfoEntry;
import org.jbec.bus.api.message.RequestBlock;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.bus.api.message.ScanQueueStatusMessage;
import org.jbec.bus.api.message.ScanStatusMessage;

/**
 * Turns bus messages into the plain maps the page is sent. Only what the page shows is kept, and
 * every text is clipped: a message from the bus cannot make an event of unbounded size.
 */
final class BusValues {

    /** Longest text sent for one field (alarm messages carry whole tracebacks). */
    static final int MAX_TEXT = 2000;
    /** Most queue items listed per queue. */
    static final int MAX_QUEUE_ITEMS = 50;

    private BusValues() {
    }

    /**
     * The readings of one device (BEC's {@code {signal: {value, timestamp}}}) as one number per
     * device: the hinted signal named after the device, else its first numeric signal; null when none.
     */
    static Double deviceValue(String device, Object signals) {
        if (!(signals instanceof Map<?, ?> map)) {
            return null;
        }
        Double own = number(map.get(device));
        if (own != null) {
            return own;
        }
        for (Object reading : map.values()) {
            Double n = number(reading);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    private static Double number(Object reading) {
        Object value = reading instanceof Map<?, ?> r ? r.get("value") : null;
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** One number per device of a scan point's data; devices without a scalar reading are left out. */
    static Map<String, Double> pointValues(Map<String, Object> data) {
        Map<String, Double> values = new LinkedHashMap<>();
        data.forEach((device, signals) -> {
            Double v = deviceValue(device, signals);
            if (v != null) {
                values.put(clip(device), v);
            }
        });
        return values;
    }

    static Map<String, Object> scan(ScanStatusMessage m) {
        Map<String, Object> scan = new LinkedHashMap<>();
        scan.put("scanId", clip(m.scanId()));
        scan.put("scanNumber", m.scanNumber());
        scan.put("status", clip(m.status()));
        scan.put("scanName", clip(m.scanName()));
        scan.put("numPoints", m.numPoints());
        List<String> report = new ArrayList<>();
        if (m.scanReportDevices() != null) {
            m.scanReportDevices().forEach(d -> report.add(clip(String.valueOf(d))));
        }
        scan.put("reportDevices", report);
        scan.put("gridShape", gridShape(m));
        return scan;
    }

    /**
     * A grid scan's steps per motor, from its request ({@code arg_bundle}: motor, start, stop, steps for
     * each of two motors): the map's cells. Null for any other scan.
     */
    static List<Long> gridShape(ScanStatusMessage m) {
        if (!"grid_scan".equals(m.scanName()) || m.requestInputs() == null
                || !(m.requestInputs().get("arg_bundle") instanceof List<?> args) || args.size() != 8
                || !(args.get(3) instanceof Number a) || !(args.get(7) instanceof Number b)
                || a.longValue() < 1 || b.longValue() < 1 || a.longValue() * b.longValue() > LiveState.MAX_POINTS) {
            return null;
        }
        return List.of(a.longValue(), b.longValue());
    }

    static Map<String, Object> queues(ScanQueueStatusMessage m) {
        Map<String, Object> queues = new LinkedHashMap<>();
        for (Map.Entry<String, ScanQueueStatus> q : m.queue().entrySet()) {
            List<Object> items = new ArrayList<>();
            for (QueueInfoEntry entry : q.getValue().info()) {
                if (items.size() == MAX_QUEUE_ITEMS) {
                    break;
                }
                items.add(item(entry));
            }
            Map<String, Object> queue = new LinkedHashMap<>();
            queue.put("status", clip(q.getValue().status()));
            queue.put("items", items);
            queue.put("length", q.getValue().info().size());
            queues.put(clip(q.getKey()), queue);
        }
        return queues;
    }

    private static Map<String, Object> item(QueueInfoEntry entry) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("queueId", clip(entry.queueId()));
        item.put("status", clip(entry.status()));
        List<String> types = new ArrayList<>();
        List<String> scanIds = new ArrayList<>();
        for (RequestBlock block : entry.requestBlocks()) {
            types.add(clip(block.msg().scanType()));
            scanIds.add(clip(block.scanId()));
        }
        item.put("scanTypes", types);
        item.put("scanIds", scanIds);
        item.put("scanNumbers", entry.scanNumber().stream().map(n -> n == null ? null : clip(n.toString())).toList());
        return item;
    }

    static Map<String, Object> alarm(AlarmMessage m, long receivedMs) {
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("severity", m.severity());
        alarm.put("type", clip(m.info().exceptionType()));
        String compact = m.info().compactErrorMessage();
        alarm.put("message", clip(compact != null && !compact.isBlank() ? compact : m.info().errorMessage()));
        alarm.put("device", m.info().device() == null ? null : clip(m.info().device().toString()));
        alarm.put("receivedMs", receivedMs);
        return alarm;
    }

    static String clip(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
