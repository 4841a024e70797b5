package org.jbec.bus.redis.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.NdArray;
import org.jbec.bus.api.message.NumpyScalar;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ServiceInfo;
import org.jbec.bus.api.message.StatusMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** BEC's own bytes (bec-protocol.md §2.7 and shared/testdata/bec-wire-vectors.json), byte for byte. */
class WireVectorsTest {

    private final MsgpackCodec codec = new MsgpackCodec();

    record Vector(String name, String typeName, String note, String hex) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() throws IOException {
        try (InputStream in = WireVectorsTest.class.getResourceAsStream("/bec-wire-vectors.json")) {
            List<Map<String, String>> list = new ObjectMapper().readValue(in,
                    new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, String>>>() { });
            return list.stream().map(m -> new Vector(m.get("name"), m.get("type_name"), m.get("note"), m.get("hex")));
        }
    }

    @Test
    void becReferenceEncodingByteForByte() {
        Map<String, Object> metadata = new LinkedHashMap<>(Map.of("RID", "1234"));
        byte[] bytes = codec.encode(new DeviceInstructionMessage(metadata, "samx", "set", Map.of("set", 0.5)));
        assertEquals(147, bytes.length);
        assertEquals("81ad5f5f6265635f636f6465635f5f83ac656e636f6465725f6e616d65aa4245434d657373616765a9747970655f6e"
                + "616d65b8446576696365496e737472756374696f6e4d657373616765a46461746184a86d6574616461746181a3524944"
                + "a431323334a6646576696365a473616d78a6616374696f6ea3736574a9706172616d6574657281a3736574cb3fe0000000"
                + "000000", HexFormat.of().formatHex(bytes));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void decodesAndEncodesToTheSameBytes(Vector v) {
        Object decoded = codec.decode(v.bytes());
        if (v.typeName().equals("BundleMessage")) {
            List<?> messages = assertInstanceOf(List.class, decoded);
            assertEquals(v.hex(), HexFormat.of().formatHex(codec.encode(
                    new org.jbec.bus.api.message.BundleMessage(new LinkedHashMap<>(), List.copyOf(messages)))));
            return;
        }
        BecMessage message = assertInstanceOf(BecMessage.class, decoded);
        assertEquals(v.typeName(), message.typeName());
        assertEquals(v.hex(), HexFormat.of().formatHex(codec.encode(message)), v.note());
    }

    private Object decode(String name) throws IOException {
        return codec.decode(vectors().filter(v -> v.name().equals(name)).findFirst().orElseThrow().bytes());
    }

    @Test
    void valuesArriveAsJavaTypes() throws IOException {
        DeviceMessage scalars = (DeviceMessage) decode("device_message_scalars");
        Map<?, ?> samx = (Map<?, ?>) scalars.signals().get("samx");
        assertEquals(1.25, samx.get("value"));
        assertEquals(1764420000.125, samx.get("timestamp"));
        assertEquals(1L, ((Map<?, ?>) scalars.signals().get("samx_setpoint")).get("value"));

        DeviceMessage image = (DeviceMessage) decode("device_message_uint16_image");
        NdArray array = (NdArray) ((Map<?, ?>) image.signals().get("eiger_image")).get("value");
        assertArrayEquals(new int[] {4, 4}, array.shape());
        int[] pixels = (int[]) array.toJavaArray();
        assertEquals(16, pixels.length);
        assertEquals(1000, pixels[1]);
        assertEquals(15000, pixels[15]);

        DeviceMessage mixed = (DeviceMessage) decode("device_message_int32_1d_and_bool");
        NdArray ints = (NdArray) ((Map<?, ?>) mixed.signals().get("a")).get("value");
        assertArrayEquals(new int[] {-1, 0, Integer.MAX_VALUE}, (int[]) ints.toJavaArray());
        NdArray bools = (NdArray) ((Map<?, ?>) mixed.signals().get("b")).get("value");
        assertArrayEquals(new boolean[] {true, false}, (boolean[]) bools.toJavaArray());

        VariableMessage f32 = (VariableMessage) decode("variable_float32_scalar");
        assertEquals(1.5f, ((NumpyScalar) f32.value()).value());

        StatusMessage status = (StatusMessage) decode("status_running");
        assertEquals(BecStatus.RUNNING, status.status());
        assertEquals("x01-bec", ((ServiceInfo) status.info()).hostname());

        AlarmMessage alarm = (AlarmMessage) decode("alarm_major");
        assertEquals(2L, alarm.severity());
        assertEquals("samx", alarm.info().device());

        List<?> bundle = (List<?>) decode("bundle_of_scan_messages");
        assertEquals(2, bundle.size());
        assertEquals(1L, ((ScanMessage) bundle.get(1)).pointId());
    }
}
