package org.jbec.bus.api.message;

import java.util.List;
import java.util.Map;

/**
 * A notification for the messaging services.
 * <p>
 * BEC's {@code NotificationMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record NotificationMessage(
        Map<String, Object> metadata,
        String event,
        List<Object> message) implements BecMessage {

    public NotificationMessage {
        metadata = Check.metadata(metadata);
        Check.required("NotificationMessage.event", event);
        Check.required("NotificationMessage.message", message);
    }
}
