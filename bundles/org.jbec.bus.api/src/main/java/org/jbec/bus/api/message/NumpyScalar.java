package org.jbec.bus.api.message;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * A numpy scalar (e.g. the {@code uint32} a simulated monitor returns): BEC sends every numpy scalar
 * other than float64 in a {@code number} envelope ({@code bool} for numpy booleans).
 *
 * @param typeName numpy's type name ({@code uint32}, {@code float32}, {@code bool})
 * @param dtype    numpy dtype string
 * @param data     the item's raw bytes
 */
public record NumpyScalar(String typeName, String dtype, byte[] data) {

    public NumpyScalar {
        Objects.requireNonNull(typeName, "typeName");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(data, "data");
    }

    /** A scalar of a numeric dtype from a one-element Java array of {@link Dtype#javaArray()}. */
    public static NumpyScalar of(Dtype dtype, Object oneValueArray) {
        return new NumpyScalar(dtype.scalarName(), dtype.numpy(), NdArray.of(dtype, oneValueArray).data());
    }

    /** The value as a Java object (Boolean, Byte, Short, Integer, Long, Float, Double per {@link Dtype}). */
    public Object value() {
        return Array.get(new NdArray(dtype, "", new int[0], data).toJavaArray(), 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumpyScalar s && typeName.equals(s.typeName) && dtype.equals(s.dtype)
                && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(typeName, dtype, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return typeName + "(" + value() + ")";
    }
}
