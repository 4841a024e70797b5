package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A payload that was not msgpack: parsed JSON.
 * <p>
 * BEC's {@code RawMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record RawMessage(
        Map<String, Object> metadata,
        Object data) implements BecMessage {

    public RawMessage {
        metadata = Check.metadata(metadata);
    }
}
