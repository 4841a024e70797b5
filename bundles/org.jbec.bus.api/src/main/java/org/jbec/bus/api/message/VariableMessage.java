package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A variable's value.
 * <p>
 * BEC's {@code VariableMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record VariableMessage(
        Map<String, Object> metadata,
        Object value) implements BecMessage {

    public VariableMessage {
        metadata = Check.metadata(metadata);
    }
}
