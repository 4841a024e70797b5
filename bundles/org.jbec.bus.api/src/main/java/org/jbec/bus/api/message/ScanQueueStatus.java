package org.jbec.bus.api.message;

import java.util.List;
import java.util.Set;

/**
 * The state of one queue.
 * <p>
 * BEC's {@code ScanQueueStatus} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ScanQueueStatus(
        List<QueueInfoEntry> info,
        String status,
        @Default("[]") List<ScanQueueLock> locks) implements BecModel {

    /** Allowed values of {@code status}. */
    public static final Set<String> STATUS_VALUES = Set.of("PAUSED", "RUNNING", "LOCKED");

    public ScanQueueStatus {
        Check.required("ScanQueueStatus.info", info);
        Check.required("ScanQueueStatus.status", status);
        Check.literal("ScanQueueStatus.status", status, STATUS_VALUES);
    }
}
