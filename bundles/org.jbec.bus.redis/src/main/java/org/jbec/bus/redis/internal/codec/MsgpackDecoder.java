package org.jbec.bus.redis.internal.codec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.EndpointRef;
import org.jbec.bus.api.message.NdArray;
import org.jbec.bus.api.message.NumpyScalar;
import org.jbec.bus.api.message.PyComplex;
import org.jbec.bus.api.message.PyType;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads one msgpack value as BEC's object hook does: maps are decoded bottom-up and every
 * {@code __bec_codec__} envelope becomes its Java value (messages and known models as records).
 */
final class MsgpackDecoder {

    private final MessageUnpacker in;
    private final long payloadSize;
    private final TypeRegistry types;
    private final ValueConverter converter;
    private final StringCache strings;
    private CharsetDecoder utf8;

    MsgpackDecoder(MessageUnpacker in, long payloadSize, TypeRegistry types, ValueConverter converter,
            StringCache strings) {
        this.in = in;
        this.payloadSize = payloadSize;
        this.types = types;
        this.converter = converter;
        this.strings = strings;
    }

    /**
     * A header may claim more than the payload holds: refuse before allocating, so a hostile
     * payload cannot make the decoder allocate gigabytes.
     */
    private int checked(int length, int bytesPerItem) throws IOException {
        long left = payloadSize - in.getTotalReadBytes();
        if (length < 0 || (long) length * bytesPerItem > left) {
            throw new IOException("truncated: a value claims " + Integer.toUnsignedString(length) + " items, "
                    + left + " bytes left at byte " + in.getTotalReadBytes());
        }
        return length;
    }

    Object read() throws IOException {
        MessageFormat format = in.getNextFormat();
        ValueType type = format.getValueType();
        switch (type) {
            case NIL:
                in.unpackNil();
                return null;
            case BOOLEAN:
                return in.unpackBoolean();
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    BigInteger big = in.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : big;
                }
                return in.unpackLong();
            case FLOAT:
                return in.unpackDouble();
            case STRING: {
                int n = checked(in.unpackRawStringHeader(), 1);
                if (n <= StringCache.MAX) {
                    in.readPayload(strings.scratch(), 0, n);
                    String known = strings.lookup(n);
                    return known != null ? known : string(java.util.Arrays.copyOf(strings.scratch(), n));
                }
                return string(in.readPayload(n));
            }
            case BINARY:
                return in.readPayload(checked(in.unpackBinaryHeader(), 1));
            case ARRAY: {
                int n = checked(in.unpackArrayHeader(), 1);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read());
                }
                return list;
            }
            case MAP:
                return readMap();
            default:
                throw new CodecException("msgpack " + format + " is not used by BEC");
        }
    }

    /** Strict UTF-8 (as Python decodes), with a fast path for the ASCII that most keys and names are. */
    private String string(byte[] bytes) throws IOException {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("string at byte " + in.getTotalReadBytes() + " is not UTF-8", e);
        }
    }

    private Object readMap() throws IOException {
        return readMapBody(checked(in.unpackMapHeader(), 2), false);
    }

    /**
     * The entries of a map whose header was read. In an envelope ({@code envelope}), a message's or
     * model's {@code data} that follows its {@code encoder_name} and {@code type_name} (BEC's order)
     * is decoded straight into the record: its fields never become a map, which was most of the
     * decoding garbage.
     */
    private Object readMapBody(int n, boolean envelope) throws IOException {
        // a small map as two arrays (see CompactMap); a larger one sized for n entries at the default
        // load factor: no rehash, and no table twice as large as needed
        Map<String, Object> map = n <= CompactMap.MAX_DECODED ? new CompactMap(n)
                : new LinkedHashMap<>(Math.min(n, 512) * 4 / 3 + 1);
        for (int i = 0; i < n; i++) {
            String name = keyName(read());
            Object value;
            RecordSchema schema;
            if (n == 1 && MsgpackEncoder.ENVELOPE.equals(name) && nextIsMap()) {
                value = readMapBody(checked(in.unpackMapHeader(), 2), true);
            } else if (envelope && "data".equals(name) && nextIsMap()
                    && (schema = schemaOf(map.get("encoder_name"), map.get("type_name"))) != null) {
                value = new Prebuilt(readRecord(schema, map.get("type_name")), map.get("encoder_name"),
                        map.get("type_name"));
            } else {
                value = read();
            }
            map.put(name, value);
        }
        if (n == 1 && map.get(MsgpackEncoder.ENVELOPE) instanceof Map<?, ?> env) {
            return fromEnvelope(env, map);
        }
        return map;
    }

    private boolean nextIsMap() throws IOException {
        return in.hasNext() && in.getNextFormat().getValueType() == ValueType.MAP;
    }

    private static String keyName(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof byte[] b) {
            // bytes keys only occur in numpy maps; they are ASCII names
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        throw new CodecException("map key of type " + ValueConverter.describe(key)
                + " (BEC allows only str and bytes keys)");
    }

    /** The record an envelope's data becomes, when it becomes one; null leaves it to {@link #fromEnvelope}. */
    private RecordSchema schemaOf(Object encoder, Object typeName) {
        if (!(typeName instanceof String type)) {
            return null;
        }
        Class<?> record = "BECMessage".equals(encoder) ? types.message(type)
                : "BaseModel".equals(encoder) ? types.model(type) : null;
        return record == null ? null : RecordSchema.of(record);
    }

    /** A message's or model's data map, read field by field into its record. */
    private Object readRecord(RecordSchema schema, Object typeName) throws IOException {
        int n = checked(in.unpackMapHeader(), 2);
        if (n == 1) {
            // a one-entry map may itself be an envelope: decoded as any map, then built
            return schema.build(asMap(readMapBody(1, false), typeName), converter);
        }
        Object[] values = schema.missingValues();
        for (int i = 0; i < n; i++) {
            int field = schema.index(keyName(read()));
            Object value = read();
            if (field >= 0) {
                values[field] = value;
            }
        }
        return schema.build(values, converter);
    }

    /**
     * An envelope's data already decoded into its record, for the given encoder and type name; it is
     * taken out of the envelope map at once and never leaves this decoder.
     */
    private record Prebuilt(Object value, Object encoder, Object typeName) {
    }

    private Object fromEnvelope(Map<?, ?> envelope, Map<String, Object> undecoded) {
        Object encoder = envelope.get("encoder_name");
        Object typeName = envelope.get("type_name");
        Object data = envelope.get("data");
        if (data instanceof Prebuilt built) {
            if (built.encoder() != encoder || built.typeName() != typeName) {
                throw new CodecException("envelope of " + built.typeName() + " repeats its encoder_name or type_name");
            }
            return built.value();
        }
        if (!(encoder instanceof String name)) {
            return undecoded;
        }
        switch (name) {
            case "BECMessage": {
                Class<?> type = types.message(String.valueOf(typeName));
                if (type == null) {
                    throw new CodecException("unknown message type " + typeName);
                }
                return RecordSchema.of(type).build(asMap(data, typeName), converter);
            }
            case "BaseModel": {
                Class<?> type = types.model(String.valueOf(typeName));
                // unknown models stay plain dicts, as in BEC
                return type == null ? asMap(data, typeName) : RecordSchema.of(type).build(asMap(data, typeName), converter);
            }
            case "Enum":
                if ("BECStatus".equals(typeName) && data instanceof Long value) {
                    try {
                        return BecStatus.of(value);
                    } catch (IllegalArgumentException e) {
                        throw new CodecException(e.getMessage());
                    }
                }
                return data;
            case "DeviceBase":
                return data;
            case "set":
                if (data instanceof List<?> list) {
                    return new LinkedHashSet<>(list);
                }
                throw new CodecException("set envelope without a list");
            case "EndpointInfo": {
                Map<?, ?> m = asMap(data, typeName);
                List<String> ops = new ArrayList<>();
                if (m.get("message_op") instanceof List<?> l) {
                    l.forEach(o -> ops.add(String.valueOf(o)));
                }
                return new EndpointRef(String.valueOf(m.get("endpoint")), String.valueOf(m.get("message_type")), ops);
            }
            case "type": {
                Map<?, ?> m = asMap(data, typeName);
                return new PyType(String.valueOf(m.get("type_name")), String.valueOf(m.get("module")));
            }
            case "ndarray":
                return ndarray(asMap(data, typeName));
            case "number", "bool", "bool_":
                return scalar(String.valueOf(typeName), asMap(data, typeName));
            case "complex": {
                Object repr = asMap(data, typeName).get("data");
                if (repr instanceof String s) {
                    try {
                        return PyComplex.parse(s);
                    } catch (IllegalArgumentException e) {
                        throw new CodecException(e.getMessage());
                    }
                }
                throw new CodecException("complex envelope without its repr");
            }
            default:
                // an encoder jBEC does not know: left undecoded, as BEC's object hook does
                return undecoded;
        }
    }

    private static NdArray ndarray(Map<?, ?> m) {
        Object dtype = m.get("type");
        Object kind = m.get("kind");
        Object shape = m.get("shape");
        Object data = m.get("data");
        String kindText = kind instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : "";
        if (!(dtype instanceof String d)) {
            throw new CodecException("ndarray of kind '" + kindText + "' with a structured dtype is not supported");
        }
        if (!(shape instanceof List<?> dims) || !(data instanceof byte[] bytes)) {
            throw new CodecException("ndarray envelope without shape or data");
        }
        int[] shapeArray = new int[dims.size()];
        for (int i = 0; i < shapeArray.length; i++) {
            if (!(dims.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new CodecException("ndarray shape " + dims + " is not a list of sizes");
            }
            shapeArray[i] = l.intValue();
        }
        return new NdArray(d, kindText, shapeArray, bytes);
    }

    private static NumpyScalar scalar(String typeName, Map<?, ?> m) {
        if (m.get("type") instanceof String dtype && m.get("data") instanceof byte[] data) {
            return new NumpyScalar(typeName, dtype, data);
        }
        throw new CodecException("numpy scalar envelope without type or data");
    }

    private static Map<?, ?> asMap(Object data, Object typeName) {
        if (data instanceof Map<?, ?> m) {
            return m;
        }
        throw new CodecException("envelope " + typeName + " holds " + (data == null ? "nil" : ValueConverter.describe(data))
                + ", not a map");
    }
}
