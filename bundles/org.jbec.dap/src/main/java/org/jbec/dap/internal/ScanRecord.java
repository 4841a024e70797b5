package org.jbec.dap.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

import org.jbec.bus.api.message.NumpyScalar;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.dap.Curve;

/**
 * The points of one scan as the scan bundler emitted them ({@code {device: {signal: {value,
 * timestamp}}}} per point), with its latest status. Points may arrive while it is read.
 */
final class ScanRecord {

    private final String scanId;
    private final ConcurrentSkipListMap<Long, Map<String, Object>> points = new ConcurrentSkipListMap<>();
    private volatile ScanStatusMessage status;

    ScanRecord(String scanId) {
        this.scanId = scanId;
    }

    String scanId() {
        return scanId;
    }

    Optional<ScanStatusMessage> status() {
        return Optional.ofNullable(status);
    }

    void status(ScanStatusMessage status) {
        this.status = status;
    }

    long scanNumber() {
        ScanStatusMessage s = status;
        return s == null || s.scanNumber() == null ? -1 : s.scanNumber();
    }

    boolean running() {
        ScanStatusMessage s = status;
        return s != null && ("open".equals(s.status()) || "paused".equals(s.status()));
    }

    void add(ScanMessage point) {
        points.put(point.pointId(), point.data());
    }

    int size() {
        return points.size();
    }

    /** The scan motor: the first report device (BEC's default x axis). */
    Optional<String> motor() {
        ScanStatusMessage s = status;
        if (s != null && s.scanReportDevices() != null && !s.scanReportDevices().isEmpty()) {
            return Optional.of(String.valueOf(s.scanReportDevices().get(0)));
        }
        return Optional.empty();
    }

    /** The monitored devices by the scan's readout priority, else every device in the points. */
    List<String> monitored() {
        ScanStatusMessage s = status;
        Set<String> out = new LinkedHashSet<>();
        if (s != null && s.readoutPriority() != null && s.readoutPriority().get("monitored") instanceof List<?> l) {
            l.forEach(d -> out.add(String.valueOf(d)));
        }
        if (out.isEmpty() && !points.isEmpty()) {
            out.addAll(points.firstEntry().getValue().keySet());
        }
        motor().ifPresent(out::remove);
        return new ArrayList<>(out);
    }

    /**
     * The values of a signal in point order, NaN where a point lacks it. The name is a device (its
     * hinted signal, named after it, or its only signal) or a signal of any device.
     */
    Optional<double[]> series(String name) {
        Optional<String[]> where = locate(name);
        if (where.isEmpty()) {
            return Optional.empty();
        }
        String device = where.get()[0];
        String signal = where.get()[1];
        double[] out = new double[points.size()];
        int i = 0;
        for (Map<String, Object> point : points.values()) {
            if (i == out.length) {
                break; // a point arrived while reading
            }
            out[i++] = number(point.get(device), signal);
        }
        return Optional.of(i == out.length ? out : java.util.Arrays.copyOf(out, i));
    }

    /** The curve of {@code signal} against {@code axis}, point by point. */
    Optional<Curve> curve(String axis, String signal) {
        Optional<double[]> x = series(axis);
        Optional<double[]> y = series(signal);
        if (x.isEmpty() || y.isEmpty()) {
            return Optional.empty();
        }
        int n = Math.min(x.get().length, y.get().length);
        return Optional.of(new Curve(java.util.Arrays.copyOf(x.get(), n), java.util.Arrays.copyOf(y.get(), n)));
    }

    private Optional<String[]> locate(String name) {
        for (Map<String, Object> point : points.values()) {
            if (point.get(name) instanceof Map<?, ?> signals) {
                if (signals.containsKey(name) || signals.size() != 1) {
                    return Optional.of(new String[] {name, name});
                }
                return Optional.of(new String[] {name, String.valueOf(signals.keySet().iterator().next())});
            }
            for (Map.Entry<String, Object> device : point.entrySet()) {
                if (device.getValue() instanceof Map<?, ?> signals && signals.containsKey(name)) {
                    return Optional.of(new String[] {device.getKey(), name});
                }
            }
            return Optional.empty(); // every point has the same devices: the first one decides
        }
        return Optional.empty();
    }

    private static double number(Object device, String signal) {
        if (device instanceof Map<?, ?> signals && signals.get(signal) instanceof Map<?, ?> reading) {
            return toDouble(reading.get("value"));
        }
        return Double.NaN;
    }

    /** A reading as a number: simulated monitors send numpy scalars (uint32), motors plain floats. */
    static double toDouble(Object value) {
        if (value instanceof NumpyScalar scalar) {
            Object v = scalar.value();
            if (scalar.typeName().startsWith("uint")) {
                // Java has no unsigned types: the raw bits would read as negative above half the range
                if (v instanceof Byte b) {
                    return Byte.toUnsignedInt(b);
                } else if (v instanceof Short h) {
                    return Short.toUnsignedInt(h);
                } else if (v instanceof Integer i) {
                    return Integer.toUnsignedLong(i);
                } else if (v instanceof Long l) {
                    return Double.parseDouble(Long.toUnsignedString(l));
                }
            }
            value = v;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return Double.NaN;
    }
}
