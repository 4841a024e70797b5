package org.jbec.scan.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.bus.api.message.QueueInfoEntry;
import org.jbec.bus.api.message.RequestBlock;
import org.jbec.bus.api.message.ScanQueueHistoryMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.bus.api.message.ScanQueueStatusMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;

/**
 * What a starting scan server takes over from the one before it (bec-behaviour.md is silent; BEC loses
 * its queue on a restart): the last queue status in Redis holds every item. Waiting items are queued
 * again with their ids; an item that was running when its server died is recorded as it ended — its
 * scan aborted, a STOPPED history entry with the reason, a MINOR alarm — and queued again only when
 * its request allows restart and the config asks for it. Scan numbers live in Redis and are not
 * touched, so none is used twice.
 */
final class QueueRecovery {

    static final String REASON = "the scan server stopped during this scan (crash or kill); recorded as aborted "
            + "when it started again";

    /** What was found: items queued again, and the scan numbers of the interrupted scans. */
    record Result(int requeued, List<Long> interrupted, List<String> restarted) {
    }

    private final Connector bus;
    private final Alarms alarms;

    QueueRecovery(Connector bus, Alarms alarms) {
        this.bus = bus;
        this.alarms = alarms;
    }

    /**
     * Reads the previous queue status and rebuilds the queues in {@code manager}; the caller holds the
     * manager's lock and publishes the new status afterwards.
     */
    Result recover(QueueManager manager, boolean restartInterrupted, boolean resume) {
        ScanQueueStatusMessage previous = bus.get(Endpoints.scanQueueStatus()).orElse(null);
        if (previous == null || previous.queue() == null) {
            return new Result(0, List.of(), List.of());
        }
        int requeued = 0;
        List<Long> interrupted = new ArrayList<>();
        List<String> restarted = new ArrayList<>();
        for (Map.Entry<String, ScanQueueStatus> q : previous.queue().entrySet()) {
            ScanQueue queue = manager.queue(q.getKey());
            for (QueueInfoEntry entry : q.getValue().info()) {
                RequestBlock block = entry.requestBlocks().isEmpty() ? null : entry.requestBlocks().get(0);
                if (block == null || block.msg() == null) {
                    continue;
                }
                if ("PENDING".equals(entry.status())) {
                    queue.items.add(manager.restoredItem(block.msg(), entry.queueId(), block.scanId()));
                    requeued++;
                } else if (!List.of("COMPLETED", "CANCELLED").contains(entry.status())) {
                    interrupted(q.getKey(), entry, block).ifPresent(interrupted::add);
                    ScanQueueMessage request = block.msg();
                    if (restartInterrupted && !Boolean.FALSE.equals(request.allowRestart())) {
                        // at the head: it was running, it runs first again
                        queue.items.add(0, manager.restoredItem(request, null, null));
                        restarted.add(String.valueOf(block.RID()));
                        requeued++;
                    }
                }
            }
            if (!queue.items.isEmpty() && !resume) {
                queue.status = "PAUSED";
            }
        }
        return new Result(requeued, interrupted, restarted);
    }

    /** Ends the interrupted item as its server would have; the scan number of its scan, if it had opened. */
    private java.util.Optional<Long> interrupted(String queueName, QueueInfoEntry entry, RequestBlock block) {
        Long number = null;
        if (block.scanId() != null) {
            ScanStatusMessage last = bus.get(Endpoints.publicScanInfo(block.scanId())).orElse(null);
            if (last != null && ("open".equals(last.status()) || "paused".equals(last.status()))) {
                number = last.scanNumber();
                // the points that reached Redis are all there will be: the file writer waits for no more
                long arrived = bus.keys(Endpoints.publicScanSegment(last.scanId(), "*")).size();
                Map<String, Object> info = new LinkedHashMap<>(last.info());
                info.put("exit_reason", REASON);
                ScanStatusMessage aborted = new ScanStatusMessage(last.metadata(), last.scanId(), "aborted", "alarm",
                        last.scanNumber(), last.sessionId(), last.numPoints(), arrived,
                        last.scanName(), last.scanType(), last.datasetNumber(), last.scanReportDevices(),
                        last.userMetadata(), last.readoutPriority(), last.scanParameters(), last.requestInputs(), info,
                        System.currentTimeMillis() / 1000.0);
                var batch = bus.batch();
                batch.set(Endpoints.publicScanInfo(last.scanId()), aborted, Duration.ofSeconds(1800));
                batch.setAndPublish(Endpoints.scanStatus(), aborted);
                batch.execute();
            }
        }
        QueueInfoEntry ended = new QueueInfoEntry(entry.queueId(), entry.scanId(), entry.isScan(),
                entry.requestBlocks(), entry.scanNumber(), "STOPPED", entry.activeRequestBlock(), "alarm");
        // BEC's entry reasons are a closed set (alarm, restart, user): the words go in the metadata
        bus.lpush(Endpoints.scanQueueHistory(), new ScanQueueHistoryMessage(Map.of("exit_reason", REASON), "STOPPED",
                entry.queueId(), ended, queueName), Limits.maxLength(100));
        String what = number != null ? "Scan " + number : "Queue item " + entry.queueId();
        alarms.raise(AlarmSeverity.MINOR, new ErrorInfo(UUID.randomUUID().toString(),
                what + " (" + block.msg().scanType() + ") was running when the scan server stopped; it is recorded "
                        + "as aborted and its points so far go to its file.",
                what + " interrupted by a scan server restart", "ScanServerRestart", null),
                number == null ? Map.of() : Map.of("scan_number", number, "scan_id", block.scanId()));
        return java.util.Optional.ofNullable(number);
    }
}
