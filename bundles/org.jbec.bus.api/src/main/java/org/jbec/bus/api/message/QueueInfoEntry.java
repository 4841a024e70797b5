package org.jbec.bus.api.message;

import java.util.List;
import java.util.Set;

/**
 * One queue item as the queue status shows it.
 * <p>
 * BEC's {@code QueueInfoEntry} (model); components in wire order.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record QueueInfoEntry(
        String queueId,
        List<Object> scanId,
        List<Object> isScan,
        List<RequestBlock> requestBlocks,
        List<Object> scanNumber,
        String status,
        @Default("null") RequestBlock activeRequestBlock,
        @Default("null") String reason) implements BecModel {

    /** Allowed values of {@code reason}. */
    public static final Set<String> REASON_VALUES = Set.of("user", "alarm", "restart");

    public QueueInfoEntry {
        Check.required("QueueInfoEntry.queue_id", queueId);
        Check.required("QueueInfoEntry.scan_id", scanId);
        Check.required("QueueInfoEntry.is_scan", isScan);
        Check.required("QueueInfoEntry.request_blocks", requestBlocks);
        Check.required("QueueInfoEntry.scan_number", scanNumber);
        Check.required("QueueInfoEntry.status", status);
        Check.literal("QueueInfoEntry.reason", reason, REASON_VALUES);
    }
}
