package org.jbec.bus.redis.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The decoder reads a message's fields straight into its record when the envelope names its type
 * before its data (BEC's order). Other orders, nested envelopes in odd places and repeated envelope
 * keys must give what decoding into maps first gives.
 */
class EnvelopeOrderTest {

    private final MsgpackCodec codec = new MsgpackCodec();

    private static DeviceInstructionResponse response() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("device_instr_id", "i-1");
        metadata.put("scan_id", "s-1");
        metadata.put("point_id", 7L);
        DeviceInstructionMessage instruction = new DeviceInstructionMessage(metadata, List.of("samx", "bpm4i"),
                "read", Map.of());
        return new DeviceInstructionResponse(new LinkedHashMap<>(metadata), List.of("samx", "bpm4i"), "completed",
                null, instruction, "i-1", null, null);
    }

    /** Re-packs a payload with each envelope's keys in the given order (others after them). */
    private byte[] repacked(Object value, List<String> envelopeOrder) throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(p, value, envelopeOrder);
            return p.toByteArray();
        }
    }

    private void pack(MessageBufferPacker p, Object value, List<String> order) throws IOException {
        if (value instanceof Map<?, ?> map) {
            List<Object> keys = new java.util.ArrayList<>(map.keySet());
            if (map.containsKey("encoder_name")) {
                keys.sort(java.util.Comparator.comparingInt(k -> order.indexOf(k) < 0 ? 99 : order.indexOf(k)));
            }
            p.packMapHeader(map.size());
            for (Object k : keys) {
                p.packString((String) k);
                pack(p, map.get(k), order);
            }
        } else if (value instanceof List<?> list) {
            p.packArrayHeader(list.size());
            for (Object o : list) {
                pack(p, o, order);
            }
        } else if (value instanceof String s) {
            p.packString(s);
        } else if (value instanceof Long l) {
            p.packLong(l);
        } else if (value instanceof Double d) {
            p.packDouble(d);
        } else if (value instanceof Boolean b) {
            p.packBoolean(b);
        } else if (value == null) {
            p.packNil();
        } else {
            throw new IllegalArgumentException(value.getClass().toString());
        }
    }

    /** The payload as plain maps (envelopes not decoded), to re-pack in another order. */
    private static Object plain(byte[] payload) throws IOException {
        try (var u = MessagePack.newDefaultUnpacker(payload)) {
            return plain(u.unpackValue());
        }
    }

    private static Object plain(org.msgpack.value.Value v) {
        return switch (v.getValueType()) {
            case MAP -> {
                Map<String, Object> m = new LinkedHashMap<>();
                v.asMapValue().entrySet().forEach(e -> m.put(e.getKey().asStringValue().asString(), plain(e.getValue())));
                yield m;
            }
            case ARRAY -> v.asArrayValue().list().stream().map(EnvelopeOrderTest::plain).toList();
            case STRING -> v.asStringValue().asString();
            case INTEGER -> v.asIntegerValue().toLong();
            case FLOAT -> v.asFloatValue().toDouble();
            case BOOLEAN -> v.asBooleanValue().getBoolean();
            case NIL -> null;
            default -> throw new IllegalArgumentException(v.toString());
        };
    }

    @Test
    void aMessageDecodesTheSameWhateverTheOrderOfItsEnvelopeKeys() throws IOException {
        DeviceInstructionResponse sent = response();
        Object plain = plain(codec.encode(sent));
        for (List<String> order : List.of(List.of("encoder_name", "type_name", "data"),
                List.of("data", "encoder_name", "type_name"), List.of("type_name", "data", "encoder_name"))) {
            assertEquals(sent, codec.decode(repacked(plain, order)), "envelope keys in order " + order);
        }
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingOnesNamed() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) plain(codec.encode(response()));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) plain.get("__bec_codec__")).get("data");
        data.put("added_in_a_later_bec", List.of(1L, 2L));
        assertEquals(response(), codec.decode(repacked(plain, List.of("encoder_name", "type_name", "data"))));
        data.remove("instruction_id");
        String message = assertThrows(CodecException.class,
                () -> codec.decode(repacked(plain, List.of("encoder_name", "type_name", "data")))).getMessage();
        assertTrue(message.contains("DeviceInstructionResponse.instruction_id is missing"), message);
    }

    @Test
    void aTypeNameRepeatedAfterTheDataIsRefused() throws IOException {
        byte[] payload;
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(1).packString("__bec_codec__").packMapHeader(4);
            p.packString("encoder_name").packString("BECMessage");
            p.packString("type_name").packString("DeviceInstructionResponse");
            p.packString("data");
            pack(p, ((Map<?, ?>) ((Map<?, ?>) plain(codec.encode(response()))).get("__bec_codec__")).get("data"),
                    List.of());
            p.packString("type_name").packString("ScanStatusMessage");
            payload = p.toByteArray();
        }
        String message = assertThrows(CodecException.class, () -> codec.decode(payload)).getMessage();
        assertTrue(message.contains("repeats its encoder_name or type_name"), message);
    }
}
