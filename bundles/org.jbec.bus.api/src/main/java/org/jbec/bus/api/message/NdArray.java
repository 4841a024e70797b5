package org.jbec.bus.api.message;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A numpy array as it travels: numpy's dtype string, the shape, and the raw C-order bytes in the
 * dtype's byte order. Kept raw so that it re-encodes to identical bytes; {@link #toJavaArray()} and
 * the {@code of} factories convert from and to flat Java arrays ({@link Dtype}).
 *
 * @param dtype numpy dtype string ({@code "<f8"}, {@code "|u1"}, {@code ">i4"}, {@code "<U5"}, ...)
 * @param kind  numpy's kind marker of the envelope: empty for plain arrays, "V" structured
 * @param shape the dimensions; empty for a 0-d array
 * @param data  the raw buffer, C order
 */
public record NdArray(String dtype, String kind, int[] shape, byte[] data) {

    public NdArray {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        kind = kind == null ? "" : kind;
    }

    /**
     * An array of {@code values} (a flat Java array of {@link Dtype#javaArray()}) with the given
     * shape; without a shape, 1-D.
     *
     * @throws IllegalArgumentException when the array type or the element count does not fit
     */
    public static NdArray of(Dtype dtype, Object values, int... shape) {
        if (!dtype.javaArray().isInstance(values)) {
            throw new IllegalArgumentException(dtype + " takes " + dtype.javaArray().getSimpleName() + ", not "
                    + (values == null ? "null" : values.getClass().getSimpleName()));
        }
        int n = Array.getLength(values);
        int[] dims = shape.length == 0 ? new int[] {n} : shape.clone();
        if (count(dims) != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " does not hold " + n + " values");
        }
        ByteBuffer buffer = ByteBuffer.allocate(n * dtype.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            put(dtype, buffer, values, i);
        }
        return new NdArray(dtype.numpy(), "", dims, buffer.array());
    }

    public static NdArray of(double[] values, int... shape) {
        return of(Dtype.FLOAT64, values, shape);
    }

    /**
     * The same data with another shape holding as many elements; no dimensions make a 0-d array.
     *
     * @throws IllegalArgumentException when the element count differs
     */
    public NdArray reshape(int... newShape) {
        if (count(newShape) != size()) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to "
                    + Arrays.toString(newShape));
        }
        return new NdArray(dtype, kind, newShape.clone(), data);
    }

    /** The number of elements. */
    public int size() {
        return count(shape);
    }

    /** The dtype, for numeric arrays. @throws IllegalArgumentException for other dtypes */
    public Dtype numericDtype() {
        return Dtype.ofNumpy(dtype);
    }

    /** The values as a flat Java array of {@link Dtype#javaArray()}, C order. */
    public Object toJavaArray() {
        Dtype d = numericDtype();
        ByteBuffer buffer = ByteBuffer.wrap(data)
                .order(Dtype.bigEndian(dtype) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int n = size();
        if (data.length != n * d.itemSize()) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " and dtype " + dtype
                    + " needs " + n * d.itemSize() + " bytes, has " + data.length);
        }
        Object out = Array.newInstance(d.javaArray().getComponentType(), n);
        for (int i = 0; i < n; i++) {
            get(d, buffer, out, i);
        }
        return out;
    }

    /** The values as doubles, whatever the numeric dtype (uint64 above 2^63 as unsigned). */
    public double[] toDoubles() {
        Object values = toJavaArray();
        double[] out = new double[size()];
        Dtype d = numericDtype();
        for (int i = 0; i < out.length; i++) {
            Object v = Array.get(values, i);
            if (v instanceof Boolean b) {
                out[i] = b ? 1 : 0;
            } else if (d == Dtype.UINT64) {
                long bits = (Long) v;
                out[i] = bits >= 0 ? bits : (bits >>> 1) * 2.0 + (bits & 1);
            } else {
                out[i] = ((Number) v).doubleValue();
            }
        }
        return out;
    }

    private static int count(int[] dims) {
        int n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static void put(Dtype d, ByteBuffer b, Object values, int i) {
        switch (d) {
            case BOOL -> b.put((byte) (((boolean[]) values)[i] ? 1 : 0));
            case INT8 -> b.put(((byte[]) values)[i]);
            case UINT8 -> b.put((byte) ((short[]) values)[i]);
            case INT16 -> b.putShort(((short[]) values)[i]);
            case UINT16 -> b.putShort((short) ((int[]) values)[i]);
            case INT32 -> b.putInt(((int[]) values)[i]);
            case UINT32 -> b.putInt((int) ((long[]) values)[i]);
            case INT64, UINT64 -> b.putLong(((long[]) values)[i]);
            case FLOAT32 -> b.putFloat(((float[]) values)[i]);
            case FLOAT64 -> b.putDouble(((double[]) values)[i]);
            default -> throw new IllegalStateException(d.name());
        }
    }

    private static void get(Dtype d, ByteBuffer b, Object out, int i) {
        switch (d) {
            case BOOL -> ((boolean[]) out)[i] = b.get() != 0;
            case INT8 -> ((byte[]) out)[i] = b.get();
            case UINT8 -> ((short[]) out)[i] = (short) (b.get() & 0xff);
            case INT16 -> ((short[]) out)[i] = b.getShort();
            case UINT16 -> ((int[]) out)[i] = b.getShort() & 0xffff;
            case INT32 -> ((int[]) out)[i] = b.getInt();
            case UINT32 -> ((long[]) out)[i] = b.getInt() & 0xffffffffL;
            case INT64, UINT64 -> ((long[]) out)[i] = b.getLong();
            case FLOAT32 -> ((float[]) out)[i] = b.getFloat();
            case FLOAT64 -> ((double[]) out)[i] = b.getDouble();
            default -> throw new IllegalStateException(d.name());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a && dtype.equals(a.dtype) && kind.equals(a.kind) && Arrays.equals(shape, a.shape)
                && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, kind, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "NdArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
