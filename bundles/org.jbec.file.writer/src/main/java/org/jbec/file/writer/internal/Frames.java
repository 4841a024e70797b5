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
            long bytes = (long) a.size() * d.itemSize();
            Object values = d.scalarName().startsWith("uint") ? rawBits(a, d) : nest(a.toJavaArray(), a.shape());
            return new Frame(values, a.shape().clone(), d.scalarName(), bytes);
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

    /**
     * An unsigned array's elements as the signed Java type of the same width, bits unchanged, read
     * straight into nested rows (one copy of a frame, not two).
     */
    private static Object rawBits(NdArray a, Dtype d) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(a.data()).order(a.dtype().startsWith(">")
                ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN);
        Class<?> type = switch (d.itemSize()) {
            case 1 -> byte.class;
            case 2 -> short.class;
            case 4 -> int.class;
            default -> long.class;
        };
        int[] shape = a.shape().length == 0 ? new int[] {1} : a.shape();
        Object out = Array.newInstance(type, shape);
        java.nio.Buffer view = switch (d.itemSize()) {
            case 1 -> bytes;
            case 2 -> bytes.asShortBuffer();
            case 4 -> bytes.asIntBuffer();
            default -> bytes.asLongBuffer();
        };
        readRows(out, shape.length, view);
        return out;
    }

    private static void readRows(Object nested, int depth, java.nio.Buffer view) {
        if (depth <= 1) {
            if (view instanceof java.nio.ByteBuffer b) {
                b.get((byte[]) nested);
            } else if (view instanceof java.nio.ShortBuffer s) {
                s.get((short[]) nested);
            } else if (view instanceof java.nio.IntBuffer i) {
                i.get((int[]) nested);
            } else {
                ((java.nio.LongBuffer) view).get((long[]) nested);
            }
            return;
        }
        for (int i = 0; i < Array.getLength(nested); i++) {
            readRows(Array.get(nested, i), depth - 1, view);
        }
    }

    /**
     * The frames as one nested array {@code [n][shape…]}, referencing the frames (already nested, see
     * {@link #of}) rather than copying them; missing frames are zeros.
     */
    static Object stack(List<Object> frames, int[] shape, String dtype) {
        Object sample = frames.stream().filter(f -> f != null).findFirst().orElse(null);
        Class<?> frameClass = sample != null ? sample.getClass()
                : Array.newInstance("int64".equals(dtype) ? long.class : double.class, shape).getClass();
        Object out = Array.newInstance(frameClass, frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Object f = frames.get(i);
            Array.set(out, i, f != null ? f : Array.newInstance(elementType(frameClass), shape));
        }
        return out;
    }

    private static Class<?> elementType(Class<?> nested) {
        Class<?> c = nested;
        while (c.getComponentType() != null) {
            c = c.getComponentType();
        }
        return c;
    }

    /** A flat C-order array as nested rows (the form jHDF writes), one copy. */
    static Object nest(Object flat, int[] shape) {
        if (shape.length <= 1) {
            return flat;
        }
        Object out = Array.newInstance(flat.getClass().getComponentType(), shape);
        int rowLength = shape[shape.length - 1];
        fill(out, flat, shape.length, rowLength, new int[] {0});
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
}
