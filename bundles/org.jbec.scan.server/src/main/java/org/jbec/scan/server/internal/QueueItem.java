package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jbec.bus.api.message.QueueInfoEntry;
import org.jbec.bus.api.message.RequestBlock;
import org.jbec.bus.api.message.ScanQueueMessage;

/**
 * One queue item (a v4 item holds one request) with its state as the queue status shows it.
 * Status changes happen under the queue manager's lock; the worker reads them at its checkpoints.
 */
final class QueueItem {

    final String queueId;
    final ScanQueueMessage request;
    final String requestId;
    final boolean isScan;
    /** Chosen when the item is queued, so clients can name pending scans (order changes, abort). */
    final String scanId;
    volatile String status = "PENDING";
    volatile ItemExit exit;
    volatile Long scanNumber;
    volatile Long datasetNumber;
    volatile Map<String, Object> readoutPriority = Map.of();
    final List<Object> reportInstructions = new CopyOnWriteArrayList<>();
    volatile List<Object> ownedLocks = List.of();
    volatile List<Object> pendingLocks = List.of();
    /** The worker thread running the item, interrupted when a stop is not noticed in time. */
    volatile Thread runner;
    /** Set by the worker once the item is off the queue (clean-up included). */
    volatile boolean ended;

    QueueItem(ScanQueueMessage request, boolean isScan) {
        this(request, isScan, null, null);
    }

    /** An item with the ids it had before (restored after a restart); null ids are made new. */
    QueueItem(ScanQueueMessage request, boolean isScan, String queueId, String scanId) {
        this.request = request;
        this.queueId = queueId != null ? queueId : UUID.randomUUID().toString();
        this.requestId = String.valueOf(request.metadata().getOrDefault("RID", this.queueId));
        this.isScan = isScan;
        this.scanId = !isScan ? null : scanId != null ? scanId : UUID.randomUUID().toString();
    }

    boolean stopped() {
        return exit != null;
    }

    boolean finished() {
        return "COMPLETED".equals(status) || "STOPPED".equals(status) || "CANCELLED".equals(status);
    }

    RequestBlock block(Long predictedScanNumber) {
        Long number = scanNumber != null ? scanNumber : isScan ? predictedScanNumber : null;
        return new RequestBlock(request, requestId, readoutPriority, isScan, number, scanId,
                reportInstructions.isEmpty() ? null : new ArrayList<>(reportInstructions), ownedLocks, pendingLocks);
    }

    QueueInfoEntry info(Long predictedScanNumber) {
        RequestBlock block = block(predictedScanNumber);
        List<Object> scanIds = new ArrayList<>();
        scanIds.add(scanId);
        List<Object> numbers = new ArrayList<>();
        numbers.add(block.scanNumber());
        boolean active = !"PENDING".equals(status);
        return new QueueInfoEntry(queueId, scanIds, List.of(isScan), List.of(block), numbers, status,
                active ? block : null, exit == null ? null : exit.entryReason());
    }

    /** What the item's scans carry as metadata: the request's, plus queue id and scan identity. */
    Map<String, Object> scanMetadata() {
        Map<String, Object> metadata = new LinkedHashMap<>(request.metadata());
        metadata.put("RID", requestId);
        metadata.put("queue_id", queueId);
        if (scanId != null) {
            metadata.put("scan_id", scanId);
        }
        return metadata;
    }
}
