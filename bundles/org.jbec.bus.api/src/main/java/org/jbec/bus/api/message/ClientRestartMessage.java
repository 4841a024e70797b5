package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Asks clients to restart.
 * <p>
 * BEC's {@code ClientRestartMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ClientRestartMessage(
        Map<String, Object> metadata,
        @Default("\"\"") String reason) implements BecMessage {

    public ClientRestartMessage {
        metadata = Check.metadata(metadata);
    }
}
