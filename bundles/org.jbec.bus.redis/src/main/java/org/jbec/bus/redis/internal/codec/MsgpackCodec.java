package org.jbec.bus.redis.internal.codec;

import java.io.IOException;
import java.util.List;

import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.MessageCodec;
import org.jbec.bus.api.message.BundleMessage;
import org.jbec.bus.api.message.RawMessage;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * BEC's wire codec (bec-protocol.md §2) on msgpack-java. Stateless and thread-safe; registered as the
 * framework's {@link MessageCodec}.
 */
@Component(service = MessageCodec.class)
public final class MsgpackCodec implements MessageCodec {

    private final TypeRegistry types = TypeRegistry.core();
    private final ValueConverter converter = new ValueConverter();
    private final ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /**
     * One packer per thread with its output kept between messages: a new packer allocates its
     * buffer through msgpack-core's reflective MessageBuffer factory (an eighth of the scan server's
     * CPU once), and msgpack's buffer output a new 8 KB buffer per message.
     */
    private final ThreadLocal<Packing> packings = ThreadLocal.withInitial(Packing::new);

    /** One unpacker per thread, reset onto each payload. */
    private final ThreadLocal<Unpacking> unpackings = ThreadLocal.withInitial(Unpacking::new);

    private static final class Packing {
        final ReusableOutput output = new ReusableOutput();
        final MessagePacker packer = MessagePack.newDefaultPacker(output);
        final byte[] stringScratch = new byte[256];
    }

    private static final class Unpacking {
        final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
        final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);
        final StringCache strings = new StringCache();
    }

    @Override
    public byte[] encode(Object value) {
        Packing packing = packings.get();
        packing.output.reset();
        try {
            new MsgpackEncoder(packing.packer, packing.stringScratch).write(value);
            packing.packer.flush();
            return packing.output.toByteArray();
        } catch (IOException e) {
            packings.remove(); // a half-written packer is not reused
            throw new CodecException("cannot encode: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            packings.remove();
            throw e;
        }
    }

    @Override
    public Object decode(byte[] payload) {
        Object value;
        try {
            value = decodeMsgpack(payload);
        } catch (CodecException e) {
            // a well-formed msgpack value that BEC's model rejects is not retried as JSON
            throw e;
        } catch (IOException | RuntimeException e) {
            value = decodeJson(payload, e);
        }
        // subscribers of a bundle endpoint receive the list of its messages
        return value instanceof BundleMessage bundle ? bundle.messages() : value;
    }

    private Object decodeMsgpack(byte[] payload) throws IOException {
        if (payload.length == 0) {
            throw new IOException("empty payload");
        }
        Unpacking unpacking = unpackings.get();
        unpacking.input.reset(payload);
        MessageUnpacker unpacker = unpacking.unpacker;
        try {
            unpacker.reset(unpacking.input);
            Object value = new MsgpackDecoder(unpacker, payload.length, types, converter, unpacking.strings).read();
            if (unpacker.hasNext()) {
                throw new IOException("extra data after the msgpack value at byte " + unpacker.getTotalReadBytes());
            }
            return value;
        } catch (IOException | RuntimeException e) {
            unpackings.remove(); // an unpacker left mid-value is not reused
            throw e;
        }
    }

    /** BEC's fallback: a payload that is not msgpack may be JSON, wrapped as a RawMessage. */
    private Object decodeJson(byte[] payload, Exception msgpackFailure) {
        try {
            return new RawMessage(new java.util.LinkedHashMap<>(), json.readValue(payload, Object.class));
        } catch (JsonProcessingException e) {
            throw new CodecException("Failed to decode BECMessage: not msgpack (" + describe(msgpackFailure)
                    + ") and not JSON (" + e.getOriginalMessage() + "); " + payload.length + " bytes", msgpackFailure);
        } catch (IOException e) {
            throw new CodecException("Failed to decode BECMessage: " + e.getMessage(), e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Decodes a list of messages as a bundle would carry them (for tests and tools). */
    List<?> decodeList(byte[] payload) {
        Object value = decode(payload);
        if (value instanceof List<?> list) {
            return list;
        }
        throw new CodecException("payload is not a list but " + ValueConverter.describe(value));
    }
}
