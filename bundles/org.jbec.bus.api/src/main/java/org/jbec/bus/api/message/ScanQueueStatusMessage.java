package org.jbec.bus.api.message;

import java.util.Map;

/**
 * The state of every queue.
 * <p>
 * BEC's {@code ScanQueueStatusMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanQueueStatusMessage(
        Map<String, Object> metadata,
        Map<String, ScanQueueStatus> queue) implements BecMessage {

    public ScanQueueStatusMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanQueueStatusMessage.queue", queue);
        Check.primaryQueue(queue);
    }
}
