package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A service's status (heartbeat).
 * <p>
 * BEC's {@code StatusMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record StatusMessage(
        Map<String, Object> metadata,
        String name,
        BecStatus status,
        Object info) implements BecMessage {

    public StatusMessage {
        metadata = Check.metadata(metadata);
        Check.required("StatusMessage.name", name);
        Check.required("StatusMessage.status", status);
        Check.required("StatusMessage.info", info);
    }
}
