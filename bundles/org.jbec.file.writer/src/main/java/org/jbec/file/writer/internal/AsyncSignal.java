package org.jbec.file.writer.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jbec.bus.api.message.NdArray;
import org.jbec.file.api.Column;

/**
 * One asynchronous signal of a scan (bec-behaviour.md §8.4): {@code add} appends along the first
 * axis (1-D: extend; 2-D {@code max_shape}: one row per update, cut or zero-padded to the width),
 * {@code add_slice} writes into row {@code index} at that row's cursor ({@code -1} opens a row),
 * {@code replace} keeps the last value. Timestamps are appended to one 1-D list. Values go through
 * {@link ColumnBuilder}, so large rows spill to part files like any array.
 */
final class AsyncSignal {

    private final String name;
    private final PartWriter parts;
    private String mode;
    private List<Integer> maxShape = List.of();
    private ColumnBuilder values;
    private int count;
    private double[] timestamps = new double[16];
    private int stamps;
    private Object last;
    /** add_slice: rows being filled, and each row's cursor. */
    private final List<double[]> slices = new ArrayList<>();
    private final List<Integer> cursors = new ArrayList<>();

    AsyncSignal(String name, PartWriter parts) {
        this.name = name;
        this.parts = parts;
    }

    void add(Object value, Object timestamp, String type, List<?> shape, Long index) throws IOException {
        if (mode == null) {
            mode = type == null ? "add" : type;
            maxShape = shape == null ? List.of() : shape.stream().map(o -> o instanceof Number n ? n.intValue() : -1)
                    .toList();
            values = new ColumnBuilder(name, parts);
        }
        stamp(timestamp);
        switch (mode) {
            case "replace" -> last = value;
            case "add_slice" -> slice(value, index == null ? -1 : index.intValue());
            default -> append(value);
        }
    }

    private void stamp(Object timestamp) {
        if (timestamp instanceof List<?> many) {
            many.forEach(this::stamp);
            return;
        }
        if (stamps == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, stamps * 2);
        }
        timestamps[stamps++] = timestamp instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private void append(Object value) throws IOException {
        double[] flat = doubles(value);
        if (maxShape.size() >= 2) {
            int width = maxShape.get(1) > 0 ? maxShape.get(1) : flat.length;
            values.put(count++, NdArray.of(Arrays.copyOf(flat, width)), 0);
        } else if (flat == null) {
            values.put(count++, value, 0);
        } else {
            for (double v : flat) {
                values.put(count++, v, 0);
            }
        }
    }

    private void slice(Object value, int index) {
        double[] flat = doubles(value);
        int width = maxShape.size() >= 2 && maxShape.get(1) > 0 ? maxShape.get(1) : Integer.MAX_VALUE;
        if (index < 0 || index >= slices.size()) {
            slices.add(new double[0]);
            cursors.add(0);
            index = slices.size() - 1;
        }
        double[] row = slices.get(index);
        int cursor = cursors.get(index);
        int take = Math.min(flat == null ? 1 : flat.length, width - cursor); // overflow cut, as BEC
        double[] grown = Arrays.copyOf(row, cursor + Math.max(take, 0));
        for (int i = 0; i < take; i++) {
            grown[cursor + i] = flat == null ? ((Number) value).doubleValue() : flat[i];
        }
        slices.set(index, grown);
        cursors.set(index, cursor + Math.max(take, 0));
    }

    /** The value as doubles when it is numeric and 1-D, else null. */
    private static double[] doubles(Object value) {
        if (value instanceof NdArray a && a.shape().length <= 1) {
            return a.toDoubles();
        }
        if (value instanceof List<?> l && Frames.numericList(l)) {
            return l.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return null;
    }

    Column build() throws IOException {
        double[] ts = Arrays.copyOf(timestamps, stamps);
        if ("replace".equals(mode)) {
            ColumnBuilder single = new ColumnBuilder(name, parts);
            single.put(0, last, ts.length == 0 ? 0 : ts[ts.length - 1]);
            Column c = single.build();
            return new Column(c.values(), ts, c.parts(), c.shape(), c.dtype());
        }
        if ("add_slice".equals(mode)) {
            int width = slices.stream().mapToInt(r -> r.length).max().orElse(0);
            for (double[] row : slices) {
                values.put(count++, NdArray.of(Arrays.copyOf(row, width)), 0);
            }
        }
        Column c = values == null ? new ColumnBuilder(name, parts).build() : values.build();
        Object v = c.values();
        return new Column(v != null && Array.getLength(v) == 0 ? null : v, ts, c.parts(), c.shape(), c.dtype());
    }
}
