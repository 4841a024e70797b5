package org.jbec.file.writer.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jbec.bus.api.message.NdArray;
import org.jbec.file.api.Column;

/**
 * One signal's values over a scan's points, kept as primitive arrays indexed by point id (points may
 * arrive out of order). Scalars stay in memory (8 bytes a point); arrays (waveforms, frames) go to
 * part files once they hold more than the memory bound, so a long scan never runs out of memory.
 */
final class ColumnBuilder {

    enum Kind { DOUBLE, LONG, BOOL, TEXT, ARRAY }

    private final String name;
    private final PartWriter parts;
    private Kind kind;
    private double[] doubles = new double[0];
    private long[] longs = new long[0];
    private boolean[] bools = new boolean[0];
    private String[] texts = new String[0];
    private double[] timestamps = new double[0];
    private int size;
    /** ARRAY: frames in memory from {@code firstInMemory} on, their shape and dtype. */
    private final List<Object> frames = new ArrayList<>();
    private int firstInMemory;
    private int[] frameShape;
    private String dtype;
    private long bytesInMemory;
    private final List<Column.PartFile> written = new ArrayList<>();

    /** @param parts where array values go once they pass the memory bound */
    ColumnBuilder(String name, PartWriter parts) {
        this.name = name;
        this.parts = parts;
    }

    /** A value for a point; a value of another type than the first is written as text. */
    void put(int point, Object value, double timestamp) throws IOException {
        if (value == null) {
            return; // BEC skips None
        }
        if (kind == null) {
            kind = kindOf(value);
        }
        grow(point + 1);
        timestamps[point] = timestamp;
        switch (kind) {
            case DOUBLE -> doubles[point] = value instanceof Number n ? n.doubleValue() : Double.NaN;
            case LONG -> {
                if (value instanceof Long || value instanceof Integer) {
                    longs[point] = ((Number) value).longValue();
                } else {
                    becomeDoubles();
                    doubles[point] = value instanceof Number n ? n.doubleValue() : Double.NaN;
                }
            }
            case BOOL -> bools[point] = Boolean.TRUE.equals(value);
            case TEXT -> texts[point] = Json.text(value);
            case ARRAY -> putFrame(point, value);
        }
    }

    private static Kind kindOf(Object value) {
        if (value instanceof Long || value instanceof Integer) {
            return Kind.LONG;
        }
        if (value instanceof Number) {
            return Kind.DOUBLE;
        }
        if (value instanceof Boolean) {
            return Kind.BOOL;
        }
        if (value instanceof NdArray a && numeric(a) || value instanceof List<?> l && Frames.numericList(l)) {
            return Kind.ARRAY;
        }
        return Kind.TEXT;
    }

    private static boolean numeric(NdArray a) {
        try {
            a.numericDtype();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void becomeDoubles() {
        kind = Kind.DOUBLE;
        doubles = new double[longs.length];
        for (int i = 0; i < size; i++) {
            doubles[i] = longs[i];
        }
        longs = new long[0];
    }

    private void grow(int points) {
        if (points > timestamps.length) {
            int capacity = Math.max(points, Math.max(16, timestamps.length * 2));
            timestamps = Arrays.copyOf(timestamps, capacity);
            switch (kind) {
                case DOUBLE -> doubles = Arrays.copyOf(doubles, capacity);
                case LONG -> longs = Arrays.copyOf(longs, capacity);
                case BOOL -> bools = Arrays.copyOf(bools, capacity);
                case TEXT -> texts = Arrays.copyOf(texts, capacity);
                case ARRAY -> { }
            }
        }
        size = Math.max(size, points);
    }

    private void putFrame(int point, Object value) throws IOException {
        Frames.Frame frame = Frames.of(value);
        if (frameShape == null) {
            frameShape = frame.shape();
            dtype = frame.dtype();
        } else if (!Arrays.equals(frameShape, frame.shape())) {
            throw new IOException(name + ": point " + point + " has shape " + Arrays.toString(frame.shape())
                    + ", earlier points " + Arrays.toString(frameShape));
        }
        // arrays arrive in point order from the bundler; a late one below the spilled range is dropped
        int index = point - firstInMemory;
        if (index < 0) {
            throw new IOException(name + ": point " + point + " arrived after its part file was written");
        }
        while (frames.size() <= index) {
            frames.add(null);
        }
        frames.set(index, frame.values());
        bytesInMemory += frame.bytes();
        if (bytesInMemory > parts.boundBytes()) {
            spill();
        }
    }

    private void spill() throws IOException {
        int n = frames.size();
        Path file = parts.write(name, written.size(), frames, frameShape, dtype,
                Arrays.copyOfRange(timestamps, firstInMemory, firstInMemory + n));
        written.add(new Column.PartFile(file, firstInMemory, n));
        firstInMemory += n;
        frames.clear();
        bytesInMemory = 0;
    }

    Column build() throws IOException {
        double[] ts = Arrays.copyOf(timestamps, size);
        List<Integer> scalar = List.of();
        if (kind == null) {
            return new Column(new double[0], new double[0], List.of(), scalar, "float64");
        }
        return switch (kind) {
            case DOUBLE -> new Column(Arrays.copyOf(doubles, size), ts, List.of(), scalar, "float64");
            case LONG -> new Column(Arrays.copyOf(longs, size), ts, List.of(), scalar, "int64");
            case BOOL -> new Column(Arrays.copyOf(bools, size), ts, List.of(), scalar, "bool");
            case TEXT -> {
                String[] out = Arrays.copyOf(texts, size);
                Arrays.setAll(out, i -> out[i] == null ? "" : out[i]);
                yield new Column(out, ts, List.of(), scalar, "str");
            }
            case ARRAY -> arrays(ts);
        };
    }

    private Column arrays(double[] ts) throws IOException {
        List<Integer> shape = Arrays.stream(frameShape).boxed().toList();
        if (!written.isEmpty()) {
            if (!frames.isEmpty()) {
                spill();
            }
            return new Column(null, ts, written, shape, dtype);
        }
        return new Column(Frames.stack(frames, frameShape, dtype), ts, List.of(), shape, dtype);
    }
}
