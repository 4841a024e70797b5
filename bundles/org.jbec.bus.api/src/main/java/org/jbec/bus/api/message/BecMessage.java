package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A BEC message: a record whose first component is {@code metadata} and whose other components are
 * the message's fields in BEC's declaration order. Sent in a {@code BECMessage} codec envelope whose
 * {@code type_name} is {@link #typeName()}.
 * <p>
 * Maps and lists in a message are not copied: treat them as values and do not change them after
 * the message is built.
 */
public interface BecMessage {

    /** Metadata (request ids, scan ids, ...); never null. */
    Map<String, Object> metadata();

    /** BEC's class name, the envelope's {@code type_name}. */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
