package org.jbec.bus.api.message;

/**
 * The numpy numeric dtypes jBEC converts to Java arrays, with numpy's dtype string (little endian,
 * as numpy writes it on x86) and the Java array type values come as. Unsigned types widen to the
 * next larger Java type, except uint64, which comes as {@code long[]} holding the same bits.
 */
public enum Dtype {
    BOOL("|b1", 1, boolean[].class),
    INT8("|i1", 1, byte[].class),
    UINT8("|u1", 1, short[].class),
    INT16("<i2", 2, short[].class),
    UINT16("<u2", 2, int[].class),
    INT32("<i4", 4, int[].class),
    UINT32("<u4", 4, long[].class),
    INT64("<i8", 8, long[].class),
    UINT64("<u8", 8, long[].class),
    FLOAT32("<f4", 4, float[].class),
    FLOAT64("<f8", 8, double[].class);

    private final String numpy;
    private final int itemSize;
    private final Class<?> javaArray;

    Dtype(String numpy, int itemSize, Class<?> javaArray) {
        this.numpy = numpy;
        this.itemSize = itemSize;
        this.javaArray = javaArray;
    }

    /** numpy's dtype string, e.g. {@code "<f8"}. */
    public String numpy() {
        return numpy;
    }

    public int itemSize() {
        return itemSize;
    }

    /** The Java array class values of this dtype come as. */
    public Class<?> javaArray() {
        return javaArray;
    }

    /** numpy's scalar type name ({@code float64}, {@code uint32}, {@code bool}). */
    public String scalarName() {
        return this == BOOL ? "bool" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The dtype of a numpy dtype string of either byte order ({@code "<u2"}, {@code ">f8"},
     * {@code "|u1"}, {@code "=i4"}).
     *
     * @throws IllegalArgumentException for dtypes that have no Java array (strings, complex, structured)
     */
    public static Dtype ofNumpy(String dtype) {
        if (dtype == null || dtype.length() < 3) {
            throw new IllegalArgumentException("not a numpy dtype: " + dtype);
        }
        String kindAndSize = dtype.substring(1);
        for (Dtype d : values()) {
            if (d.numpy.substring(1).equals(kindAndSize)) {
                return d;
            }
        }
        throw new IllegalArgumentException("numpy dtype " + dtype + " has no Java array type");
    }

    /** Whether a numpy dtype string is big endian. */
    static boolean bigEndian(String dtype) {
        return dtype.charAt(0) == '>';
    }
}
