package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * A request to move a queue item.
 * <p>
 * BEC's {@code ScanQueueOrderMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanQueueOrderMessage(
        Map<String, Object> metadata,
        String scanId,
        String action,
        @Default("\"primary\"") String queue,
        @Default("null") Long targetPosition) implements BecMessage {

    /** Allowed values of {@code action}. */
    public static final Set<String> ACTION_VALUES = Set.of("move_up", "move_down", "move_top", "move_bottom", "move_to");

    public ScanQueueOrderMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanQueueOrderMessage.scan_id", scanId);
        Check.required("ScanQueueOrderMessage.action", action);
        Check.literal("ScanQueueOrderMessage.action", action, ACTION_VALUES);
    }
}
