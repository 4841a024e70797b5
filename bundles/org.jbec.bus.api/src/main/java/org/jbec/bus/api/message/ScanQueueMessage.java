package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A scan (or other) request for a queue.
 * <p>
 * BEC's {@code ScanQueueMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanQueueMessage(
        Map<String, Object> metadata,
        String scanType,
        Map<String, Object> parameter,
        @Default("\"primary\"") String queue,
        @Default("true") Boolean allowRestart) implements BecMessage {

    public ScanQueueMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanQueueMessage.scan_type", scanType);
        Check.required("ScanQueueMessage.parameter", parameter);
    }
}
