package org.jbec.bus.redis.internal.codec;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.Endpoint;
import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.BecModel;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.EndpointRef;
import org.jbec.bus.api.message.NdArray;
import org.jbec.bus.api.message.NumpyScalar;
import org.jbec.bus.api.message.PyComplex;
import org.jbec.bus.api.message.PyType;
import org.msgpack.core.MessagePacker;

/**
 * Writes values as BEC does (bec-protocol.md §2): native msgpack for plain values (floats always
 * float64, ints in their smallest form), {@code __bec_codec__} envelopes for everything else.
 * Inside a model dump (a {@code BaseModel} envelope's data) nested models and messages are plain maps.
 */
final class MsgpackEncoder {

    static final String ENVELOPE = "__bec_codec__";
    private static final byte[] EMPTY = new byte[0];

    private final MessagePacker out;
    /** ASCII strings are copied here instead of through String.getBytes, a fresh array each time. */
    private final byte[] scratch;

    /** @param scratch the calling thread's buffer for short strings, kept between messages */
    MsgpackEncoder(MessagePacker out, byte[] scratch) {
        this.out = out;
        this.scratch = scratch;
    }

    /** A string as msgpack str; short ASCII ones (keys, names, words) without allocating. */
    private void string(String s) throws IOException {
        int n = s.length();
        if (n > scratch.length) {
            out.packString(s);
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                out.packString(s);
                return;
            }
            scratch[i] = (byte) c;
        }
        out.packRawStringHeader(n);
        out.writePayload(scratch, 0, n);
    }

    void write(Object v) throws IOException {
        write(v, false);
    }

    private void write(Object v, boolean inModelDump) throws IOException {
        if (v == null) {
            out.packNil();
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Double d) {
            out.packDouble(d);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.packLong(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            out.packBoolean(b);
        } else if (v instanceof Map<?, ?> map) {
            writeMap(map, inModelDump);
        } else if (v instanceof BecMessage m) {
            if (inModelDump) {
                writeRecord(m, true);
            } else {
                envelope("BECMessage", m.typeName());
                writeRecord(m, false);
            }
        } else if (v instanceof BecModel m) {
            if (inModelDump) {
                writeRecord(m, true);
            } else {
                envelope("BaseModel", m.typeName());
                writeRecord(m, true);
            }
        } else if (v instanceof List<?> list) {
            out.packArrayHeader(list.size());
            for (Object o : list) {
                write(o, inModelDump);
            }
        } else if (v instanceof Float f) {
            out.packDouble(f);
        } else if (v instanceof BigInteger big) {
            out.packBigInteger(big);
        } else if (v instanceof byte[] bytes) {
            binary(bytes);
        } else {
            writeSpecial(v, inModelDump);
        }
    }

    private void writeSpecial(Object v, boolean inModelDump) throws IOException {
        if (v instanceof NdArray a) {
            envelope("ndarray", "ndarray");
            out.packMapHeader(5);
            binary("nd");
            out.packBoolean(true);
            binary("type");
            out.packString(a.dtype());
            binary("kind");
            binary(a.kind().getBytes(StandardCharsets.ISO_8859_1));
            binary("shape");
            out.packArrayHeader(a.shape().length);
            for (int d : a.shape()) {
                out.packLong(d);
            }
            binary("data");
            binary(a.data());
        } else if (v instanceof NumpyScalar s) {
            envelope(s.typeName().equals("bool") || s.typeName().equals("bool_") ? s.typeName() : "number",
                    s.typeName());
            out.packMapHeader(3);
            binary("nd");
            out.packBoolean(false);
            binary("type");
            out.packString(s.dtype());
            binary("data");
            binary(s.data());
        } else if (v instanceof BecStatus status) {
            envelope("Enum", "BECStatus");
            out.packLong(status.value());
        } else if (v instanceof Set<?> set) {
            envelope("set", "set");
            out.packArrayHeader(set.size());
            for (Object o : set) {
                write(o, inModelDump);
            }
        } else if (v instanceof PyComplex c) {
            envelope("complex", "complex");
            out.packMapHeader(2);
            binary("complex");
            out.packBoolean(true);
            binary("data");
            out.packString(c.pythonRepr());
        } else if (v instanceof PyType t) {
            envelope("type", "type");
            out.packMapHeader(2);
            out.packString("type_name");
            out.packString(t.typeName());
            out.packString("module");
            out.packString(t.module());
        } else if (v instanceof Endpoint<?> e) {
            writeEndpoint(e.key(), e.messageType().getSimpleName(), List.copyOf(e.methods()));
        } else if (v instanceof EndpointRef e) {
            writeEndpoint(e.endpoint(), e.messageType(), e.messageOp());
        } else if (v instanceof Collection<?> c) {
            out.packArrayHeader(c.size());
            for (Object o : c) {
                write(o, inModelDump);
            }
        } else if (v instanceof Object[] array) {
            write(List.of(array), inModelDump);
        } else if (v.getClass().isArray()) {
            write(primitiveArray(v), inModelDump);
        } else {
            throw new CodecException("cannot encode a " + v.getClass().getName() + " for BEC");
        }
    }

    /** A flat numeric Java array travels as a 1-D numpy array. */
    private static NdArray primitiveArray(Object array) {
        for (Dtype d : new Dtype[] {Dtype.FLOAT64, Dtype.FLOAT32, Dtype.INT64, Dtype.INT32, Dtype.INT16, Dtype.BOOL}) {
            if (d.javaArray().isInstance(array)) {
                return NdArray.of(d, array);
            }
        }
        throw new CodecException("cannot encode a " + array.getClass().getSimpleName() + " for BEC");
    }

    private void writeEndpoint(String key, String messageType, List<String> ops) throws IOException {
        envelope("EndpointInfo", "EndpointInfo");
        out.packMapHeader(3);
        out.packString("endpoint");
        out.packString(key);
        out.packString("message_type");
        out.packString(messageType);
        out.packString("message_op");
        out.packArrayHeader(ops.size());
        for (String op : ops) {
            out.packString(op);
        }
    }

    private void writeMap(Map<?, ?> map, boolean inModelDump) throws IOException {
        out.packMapHeader(map.size());
        if (map instanceof CompactMap compact) {
            // a decoded map written again (a response carries its instruction): no entry objects
            for (int i = 0; i < compact.size(); i++) {
                string(stringKey(compact.keyAt(i)));
                write(compact.valueAt(i), inModelDump);
            }
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            string(stringKey(e.getKey()));
            write(e.getValue(), inModelDump);
        }
    }

    private static String stringKey(Object key) {
        if (!(key instanceof String s)) {
            // BEC decodes with strict_map_key: only str (and bytes) keys are readable
            throw new CodecException("map key " + key + " (" + (key == null ? "null" : key.getClass().getSimpleName())
                    + ") is not a string; BEC accepts string keys only");
        }
        return s;
    }

    /** A record's fields in order (metadata first for messages), as a map. */
    private void writeRecord(Object record, boolean modelDump) throws IOException {
        RecordSchema schema = RecordSchema.of(record.getClass());
        List<RecordSchema.Field> fields = schema.fields();
        out.packMapHeader(fields.size());
        for (RecordSchema.Field f : fields) {
            out.writePayload(f.packedWireName());
            write(schema.value(f, record), modelDump);
        }
    }

    /** The bytes of an envelope up to its data value; the same for every message of a type, so kept. */
    private static final java.util.Map<String, byte[]> ENVELOPE_HEADS = new java.util.concurrent.ConcurrentHashMap<>();

    private void envelope(String encoderName, String typeName) throws IOException {
        byte[] head = ENVELOPE_HEADS.computeIfAbsent(encoderName + '\0' + typeName, k -> envelopeHead(encoderName, typeName));
        out.writePayload(head);
    }

    private static byte[] envelopeHead(String encoderName, String typeName) {
        try (org.msgpack.core.MessageBufferPacker p = org.msgpack.core.MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(1);
            p.packString(ENVELOPE);
            p.packMapHeader(3);
            p.packString("encoder_name");
            p.packString(encoderName);
            p.packString("type_name");
            p.packString(typeName);
            p.packString("data");
            return p.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void binary(String asciiKey) throws IOException {
        binary(asciiKey.getBytes(StandardCharsets.US_ASCII));
    }

    private void binary(byte[] bytes) throws IOException {
        out.packBinaryHeader(bytes.length);
        out.writePayload(bytes.length == 0 ? EMPTY : bytes);
    }
}
