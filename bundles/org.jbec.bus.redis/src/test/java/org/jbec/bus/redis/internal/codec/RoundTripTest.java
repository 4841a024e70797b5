package org.jbec.bus.redis.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.CoreTypes;
import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.NdArray;
import org.jbec.bus.api.message.NumpyScalar;
import org.jbec.bus.api.message.PyComplex;
import org.jbec.bus.api.message.VariableMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message class, model and value type survives encode → decode → encode unchanged. */
class RoundTripTest {

    private final MsgpackCodec codec = new MsgpackCodec();

    static Stream<Class<?>> messageClasses() {
        return CoreTypes.MESSAGES.stream().filter(c -> c != org.jbec.bus.api.message.BundleMessage.class)
                .map(c -> (Class<?>) c);
    }

    @ParameterizedTest
    @MethodSource("messageClasses")
    void everyMessageClassRoundTrips(Class<?> type) {
        Object message = Samples.of(type);
        byte[] bytes = codec.encode(message);
        Object decoded = codec.decode(bytes);
        assertEquals(message, decoded);
        assertArrayEquals(bytes, codec.encode(decoded));
    }

    @Test
    void bundlesDecodeToTheirMessages() {
        List<Object> messages = List.of(Samples.of(VariableMessage.class), Samples.of(VariableMessage.class));
        Object decoded = codec.decode(codec.encode(new org.jbec.bus.api.message.BundleMessage(null, messages)));
        assertEquals(messages, decoded);
    }

    static Stream<Object[]> arrays() {
        List<Object[]> cases = new ArrayList<>();
        int[][] shapes = {{}, {3}, {2, 3}, {2, 2, 3}};
        for (Dtype d : Dtype.values()) {
            for (int[] shape : shapes) {
                cases.add(new Object[] {d, shape});
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("arrays")
    void numpyArraysOfEveryDtypeAndShape(Dtype dtype, int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        Object values = java.lang.reflect.Array.newInstance(dtype.javaArray().getComponentType(), n);
        for (int i = 0; i < n; i++) {
            java.lang.reflect.Array.set(values, i, sampleValue(dtype, i));
        }
        NdArray array = NdArray.of(dtype, values).reshape(shape);
        assertEquals(n * dtype.itemSize(), array.data().length);
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("det", Map.of("value", array, "timestamp", 1.0));
        byte[] bytes = codec.encode(new org.jbec.bus.api.message.DeviceMessage(null, signals));
        org.jbec.bus.api.message.DeviceMessage decoded = (org.jbec.bus.api.message.DeviceMessage) codec.decode(bytes);
        NdArray back = (NdArray) ((Map<?, ?>) decoded.signals().get("det")).get("value");
        assertEquals(array, back);
        assertEquals(dtype.numpy(), back.dtype());
        assertArrayEquals(shape, back.shape());
        assertEquals(List.of(toList(values)), List.of(toList(back.toJavaArray())));
        assertArrayEquals(bytes, codec.encode(decoded));
    }

    private static Object sampleValue(Dtype d, int i) {
        return switch (d) {
            case BOOL -> i % 2 == 0;
            case INT8 -> (byte) (i - 3);
            case UINT8 -> (short) (250 + i % 5);
            case INT16 -> (short) (-300 + i);
            case UINT16 -> 65000 + i;
            case INT32 -> -70000 + i;
            case UINT32 -> 4_000_000_000L + i;
            case INT64 -> Long.MIN_VALUE + i;
            case UINT64 -> -1L - i; // bit patterns above 2^63
            case FLOAT32 -> 1.5f * i;
            case FLOAT64 -> -0.25 * i;
        };
    }

    private static List<Object> toList(Object array) {
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(array); i++) {
            list.add(java.lang.reflect.Array.get(array, i));
        }
        return list;
    }

    @Test
    void bigEndianArraysDecodeToTheRightValues() {
        NdArray big = new NdArray(">i4", "", new int[] {2}, new byte[] {0, 0, 1, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
        assertArrayEquals(new int[] {256, -2}, (int[]) big.toJavaArray());
        assertEquals(big, codec.decode(codec.encode(big)));
    }

    @Test
    void scalarsComplexSetsAndJavaArrays() {
        NumpyScalar u32 = NumpyScalar.of(Dtype.UINT32, new long[] {4_000_000_000L});
        assertEquals("uint32", u32.typeName());
        assertEquals(u32, codec.decode(codec.encode(u32)));
        assertEquals(4_000_000_000L, ((NumpyScalar) codec.decode(codec.encode(u32))).value());
        NumpyScalar flag = NumpyScalar.of(Dtype.BOOL, new boolean[] {true});
        assertEquals(flag, codec.decode(codec.encode(flag)));

        for (PyComplex c : List.of(new PyComplex(1, 2), new PyComplex(0, 1.5), new PyComplex(-0.5, -1e-7),
                new PyComplex(1e20, 3), new PyComplex(Double.NaN, Double.POSITIVE_INFINITY))) {
            PyComplex back = (PyComplex) codec.decode(codec.encode(c));
            assertEquals(c, back, c.pythonRepr());
        }
        assertEquals("(1+2j)", new PyComplex(1, 2).pythonRepr());
        assertEquals("1.5j", new PyComplex(0, 1.5).pythonRepr());
        assertEquals("(-0.5-1e-07j)", new PyComplex(-0.5, -1e-7).pythonRepr());
        assertEquals("(1e+20+3j)", new PyComplex(1e20, 3).pythonRepr());

        LinkedHashSet<Object> set = new LinkedHashSet<>(List.of("a", 1L));
        assertEquals(set, codec.decode(codec.encode(set)));

        NdArray fromJava = assertInstanceOf(NdArray.class, codec.decode(codec.encode(new double[] {1, 2, 3})));
        assertArrayEquals(new double[] {1, 2, 3}, (double[]) fromJava.toJavaArray());
    }

    @Test
    void floatFieldsStayFloat64AndIntsStayInts() {
        byte[] bytes = codec.encode(new org.jbec.bus.api.message.ProgressMessage(null, 3.0, 10.0, false));
        String hex = java.util.HexFormat.of().formatHex(bytes);
        // value 3.0 as float64 cb 40 08 00 00 00 00 00 00, never the int 03
        assertEquals(true, hex.contains("a576616c7565cb4008000000000000"), hex);
        assertEquals(1L, codec.decode(codec.encode(1)));
        assertEquals(300L, codec.decode(codec.encode(300L)));
        assertEquals(-40L, codec.decode(codec.encode(-40)));
    }
}
