package org.jbec.file.writer.internal;

import java.lang.reflect.Array;
import java.util.List;

import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.NdArray;

/**
 * Array values (numpy arrays, numeric lists) as flat Java arrays with a shape, and stacked into the
 * nested arrays jHDF writes. Unsigned integers keep their width: their raw bits go into the signed
 * Java type of the same size and are written as unsigned ({@link Hdf#putArray}), so a uint16 frame
 * costs 2 bytes a pixel in memory and on disk.
 */
final class Frames {

    record Frame(Object values, int[] shape, String dtype, long bytes) {
    }

    private Frames() {
    }

    static boolean numericList(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(v -> v instanceof Number);
    }

    static Frame of(Object value) {
        if (value instanceof NdArray a) {
            Dtype d = a.numericDtype();
            Object flat = d.scalarName().startsWith("uint") ? rawBits(a, d) : a.toJavaArray();
            return new Frame(flat, a.shape().clone(), d.scalarName(), (long) Array.getLength(flat) * d.itemSize());
        }
        List<?> list = (List<?>) value;
        if (list.stream().allMatch(v -> v instanceof Long || v instanceof Integer)) {
            long[] out = new long[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ((Number) list.get(i)).longValue();
            }
            return new Frame(out, new int[] {out.length}, "int64", out.length * 8L);
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return new Frame(out, new int[] {out.length}, "float64", out.length * 8L);
    }

    /** An unsigned array's elements as the signed Java type of the same width, bits unchanged. */
    private static Object rawBits(NdArray a, Dtype d) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(a.data()).order(a.dtype().startsWith(">")
                ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        int n = a.size();
        switch (d.itemSize()) {
            case 1 -> {
                byte[] out = new byte[n];
                buffer.get(out);
                return out;
            }
            case 2 -> {
                short[] out = new short[n];
                buffer.asShortBuffer().get(out);
                return out;
            }
            case 4 -> {
                int[] out = new int[n];
                buffer.asIntBuffer().get(out);
                return out;
            }
            default -> {
                long[] out = new long[n];
                buffer.asLongBuffer().get(out);
                return out;
            }
        }
    }

    /** The frames as one nested array {@code [n][shape…]}; missing frames are zeros. */
    static Object stack(List<Object> frames, int[] shape, String dtype) {
        Class<?> component = componentOf(frames, dtype);
        int[] dims = new int[shape.length + 1];
        dims[0] = frames.size();
        System.arraycopy(shape, 0, dims, 1, shape.length);
        Object out = Array.newInstance(component, dims);
        int rowLength = shape.length == 0 ? 1 : shape[shape.length - 1];
        for (int i = 0; i < frames.size(); i++) {
            Object flat = frames.get(i);
            if (flat != null) {
                fill(Array.get(out, i), flat, shape.length, rowLength, new int[] {0});
            }
        }
        return out;
    }

    /** Copies a flat array row by row into a nested one of {@code depth} dimensions. */
    private static void fill(Object nested, Object flat, int depth, int rowLength, int[] offset) {
        if (depth <= 1) {
            System.arraycopy(flat, offset[0], nested, 0, rowLength);
            offset[0] += rowLength;
            return;
        }
        for (int i = 0; i < Array.getLength(nested); i++) {
            fill(Array.get(nested, i), flat, depth - 1, rowLength, offset);
        }
    }

    private static Class<?> componentOf(List<Object> frames, String dtype) {
        for (Object f : frames) {
            if (f != null) {
                return f.getClass().getComponentType();
            }
        }
        return "int64".equals(dtype) ? long.class : double.class;
    }
}
