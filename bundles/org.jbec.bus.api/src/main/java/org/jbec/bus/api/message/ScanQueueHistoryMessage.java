package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A finished queue item.
 * <p>
 * BEC's {@code ScanQueueHistoryMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanQueueHistoryMessage(
        Map<String, Object> metadata,
        String status,
        String queueId,
        QueueInfoEntry info,
        @Default("\"primary\"") String queue) implements BecMessage {

    public ScanQueueHistoryMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanQueueHistoryMessage.status", status);
        Check.required("ScanQueueHistoryMessage.queue_id", queueId);
        Check.required("ScanQueueHistoryMessage.info", info);
    }
}
