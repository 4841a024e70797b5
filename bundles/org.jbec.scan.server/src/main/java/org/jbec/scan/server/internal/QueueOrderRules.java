package org.jbec.scan.server.internal;

import java.util.Optional;

import org.jbec.bus.api.message.QueueInfoEntry;
import org.jbec.bus.api.message.ScanQueueOrderMessage;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.bus.api.message.ScanQueueStatusMessage;

/**
 * The checks on a reorder request (bec-protocol.md §5.2 step 4): items move only in a known, PAUSED
 * queue, {@code move_to} says where, and some item of that queue holds the scan.
 */
final class QueueOrderRules {

    private QueueOrderRules() {
    }

    /** Empty when the order change may be forwarded, otherwise why it may not. */
    static Optional<String> rejection(ScanQueueOrderMessage request, Optional<ScanQueueStatusMessage> status) {
        ScanQueueStatus queue = status.map(s -> s.queue().get(request.queue())).orElse(null);
        if (queue == null) {
            return Optional.of("Queue '" + request.queue() + "' does not exist.");
        }
        if (!"PAUSED".equals(queue.status())) {
            return Optional.of("Queue '" + request.queue() + "' is " + queue.status()
                    + "; pause it before reordering its items.");
        }
        if ("move_to".equals(request.action()) && request.targetPosition() == null) {
            return Optional.of("move_to needs target_position.");
        }
        for (QueueInfoEntry item : queue.info()) {
            if (item.scanId().contains(request.scanId())) {
                return Optional.empty();
            }
        }
        return Optional.of("No item of queue '" + request.queue() + "' contains scan " + request.scanId() + ".");
    }
}
