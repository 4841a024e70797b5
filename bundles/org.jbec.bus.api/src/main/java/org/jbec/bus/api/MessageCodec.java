package org.jbec.bus.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * BEC's wire encoding (bec-protocol.md §2): MessagePack with {@code __bec_codec__} envelopes,
 * byte for byte as BEC writes it.
 */
@ProviderType
public interface MessageCodec {

    /**
     * Encodes a message, a list of messages, a model or a plain value (null, Boolean, Long,
     * Double, String, byte[], Map with String keys, List, Set, NdArray, NumpyScalar, PyComplex,
     * BecStatus, flat numeric Java arrays as 1-D numpy arrays).
     *
     * @throws CodecException naming the value that cannot be encoded
     */
    byte[] encode(Object value);

    /**
     * Decodes a payload: a {@code BecMessage}; the list of messages of a {@code BundleMessage}; a
     * plain value; or, for a payload that is not MessagePack but JSON, a {@code RawMessage} of it.
     *
     * @throws CodecException saying what is wrong with the payload
     */
    Object decode(byte[] payload);
}
