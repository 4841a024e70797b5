package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * A request to change a queue's state.
 * <p>
 * BEC's {@code ScanQueueModificationMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanQueueModificationMessage(
        Map<String, Object> metadata,
        @Default("null") Object scanId,
        @Default("null") String requestId,
        String action,
        Map<String, Object> parameter,
        @Default("\"primary\"") String queue) implements BecMessage {

    /** Allowed values of {@code action}. */
    public static final Set<String> ACTION_VALUES = Set.of("pause", "deferred_pause", "continue", "abort", "clear", "restart", "halt", "resume", "lock", "release_lock", "user_completed");

    public ScanQueueModificationMessage {
        metadata = Check.metadata(metadata);
        Check.required("ScanQueueModificationMessage.action", action);
        Check.literal("ScanQueueModificationMessage.action", action, ACTION_VALUES);
        Check.required("ScanQueueModificationMessage.parameter", parameter);
    }
}
