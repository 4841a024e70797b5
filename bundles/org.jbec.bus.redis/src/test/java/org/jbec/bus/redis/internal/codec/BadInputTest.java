package org.jbec.bus.redis.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.message.RawMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Malformed payloads give a CodecException that says what is wrong, never anything else. */
class BadInputTest {

    private final MsgpackCodec codec = new MsgpackCodec();

    private static byte[] envelope(String typeName, Map<String, Object> data) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("encoder_name", "BECMessage");
        inner.put("type_name", typeName);
        inner.put("data", data);
        return new MsgpackCodec().encode(Map.of("__bec_codec__", inner));
    }

    private String error(byte[] payload) {
        return assertThrows(CodecException.class, () -> codec.decode(payload)).getMessage();
    }

    @Test
    void randomBytesNeverEscapeAsOtherExceptions() {
        Random random = new Random(42);
        int decoded = 0;
        for (int i = 0; i < 5000; i++) {
            byte[] junk = new byte[1 + random.nextInt(64)];
            random.nextBytes(junk);
            try {
                codec.decode(junk);
                decoded++;
            } catch (CodecException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            }
        }
        assertTrue(decoded < 5000, "most random payloads are rejected");
    }

    @Test
    void hugeClaimedLengthsAreRefusedWithoutAllocating() {
        // bin32, str32, array32 and map32 headers claiming 2 GiB with nothing behind them
        for (String hex : List.of("c67fffffff", "db7fffffff", "dd7fffffff", "df7fffffff")) {
            String message = error(java.util.HexFormat.of().parseHex(hex));
            assertTrue(message.contains("truncated"), message);
        }
    }

    @Test
    void invalidUtf8IsRejected() {
        assertTrue(error(new byte[] {(byte) 0xa2, (byte) 0xc3, (byte) 0x28}).contains("not UTF-8"));
    }

    @Test
    void truncatedPayloadsAreRejected() throws IOException {
        byte[] whole = codec.encode(Samples.of(ScanStatusMessage.class));
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            String message = error(part);
            assertTrue(message.startsWith("Failed to decode BECMessage"), message);
        }
    }

    @Test
    void wrongFieldTypeIsNamed() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metadata", Map.of());
        data.put("scan_id", "s-1");
        data.put("status", 5L);
        data.put("info", Map.of());
        assertEquals("ScanStatusMessage.status: expected str, got int 5", error(envelope("ScanStatusMessage", data)));
    }

    @Test
    void literalOutsideItsValuesIsNamed() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scan_id", "s-1");
        data.put("status", "opened");
        data.put("info", Map.of());
        String message = error(envelope("ScanStatusMessage", data));
        assertTrue(message.startsWith("ScanStatusMessage.status: 'opened' is not one of aborted, closed"), message);
    }

    @Test
    void missingRequiredFieldIsNamedAndMissingOptionalOnesTakeDefaults() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scan_id", "s-1");
        data.put("status", "open");
        assertEquals("ScanStatusMessage.info is missing", error(envelope("ScanStatusMessage", data)));
        data.put("info", Map.of());
        data.put("some_future_field", 1L);
        ScanStatusMessage m = (ScanStatusMessage) codec.decode(envelope("ScanStatusMessage", data));
        assertEquals(0L, m.numMonitoredReadouts());
        assertEquals(Map.of(), m.scanParameters());
        assertEquals(Map.of(), m.metadata());
        assertTrue(m.timestamp() > 1.7e9, "timestamp defaults to now");
    }

    @Test
    void unknownMessageTypeIsNamed() {
        assertEquals("unknown message type FancyMessage", error(envelope("FancyMessage", Map.of())));
    }

    @Test
    void unknownEncoderIsLeftUndecodedAsBecDoes() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("encoder_name", "Gadget");
        inner.put("type_name", "Gadget");
        inner.put("data", 1L);
        Map<String, Object> value = Map.of("__bec_codec__", inner);
        assertEquals(value, codec.decode(codec.encode(value)));
    }

    @Test
    void jsonPayloadBecomesARawMessage() {
        RawMessage raw = assertInstanceOf(RawMessage.class,
                codec.decode("{\"a\": [1, 2.5, \"x\"]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Map.of("a", List.of(1L, 2.5, "x")), raw.data());
    }

    @Test
    void nonStringMapKeysAreRejected() throws IOException {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(1).packInt(1).packString("x");
            String message = error(p.toByteArray());
            assertTrue(message.contains("map key of type int 1"), message);
        }
        String encodeError = assertThrows(CodecException.class, () -> codec.encode(Map.of(1, "x"))).getMessage();
        assertTrue(encodeError.contains("not a string"), encodeError);
    }

    @Test
    void emptyPayloadIsRejected() {
        assertTrue(error(new byte[0]).startsWith("Failed to decode BECMessage"));
    }

    @Test
    void unencodableValueIsNamed() {
        String message = assertThrows(CodecException.class, () -> codec.encode(new Object())).getMessage();
        assertEquals("cannot encode a java.lang.Object for BEC", message);
    }
}
