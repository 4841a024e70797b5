package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jbec.bus.api.message.QueueInfoEntry;
import org.jbec.bus.api.message.ScanQueueLock;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueStatus;

/**
 * One named queue (bec-behaviour.md §6.1): its items (the head is the active or next one), its state
 * and locks. Guarded by the queue manager's lock; the worker of the queue is the only one that starts
 * and finishes items.
 */
final class ScanQueue {

    final String name;
    final List<QueueItem> items = new ArrayList<>();
    final List<ScanQueueLock> locks = new ArrayList<>();
    /** Inserts that arrived while the head was STOPPED: flushed once it is gone. */
    final List<ScanQueueMessage> buffered = new ArrayList<>();
    String status = "RUNNING";
    /** The status before the first lock, restored when the last one is released. */
    String statusBeforeLock;
    long emptySinceNanos = System.nanoTime();
    boolean workerAlive;

    ScanQueue(String name) {
        this.name = name;
    }

    QueueItem head() {
        return items.isEmpty() ? null : items.get(0);
    }

    /** The head item once a worker took it (not PENDING and not finished). */
    QueueItem active() {
        QueueItem head = head();
        return head != null && !"PENDING".equals(head.status) && !head.finished() ? head : null;
    }

    QueueItem byScanId(Object scanId) {
        for (QueueItem item : items) {
            if (matches(scanId, item.scanId)) {
                return item;
            }
        }
        return null;
    }

    QueueItem byRequestId(String requestId) {
        return items.stream().filter(i -> i.requestId.equals(requestId)).findFirst().orElse(null);
    }

    private static boolean matches(Object wanted, String scanId) {
        if (scanId == null || wanted == null) {
            return false;
        }
        if (wanted instanceof List<?> many) {
            return many.stream().anyMatch(w -> Objects.equals(String.valueOf(w), scanId));
        }
        return String.valueOf(wanted).equals(scanId);
    }

    /**
     * Whether the head may start (bec-behaviour.md §6.2): the queue runs, or it is locked, every lock
     * allows device instructions and the head holds no scan.
     */
    boolean mayStartHead() {
        QueueItem head = head();
        if (head == null || !"PENDING".equals(head.status)) {
            return false;
        }
        if ("RUNNING".equals(status)) {
            return true;
        }
        return "LOCKED".equals(status) && !head.isScan
                && locks.stream().allMatch(l -> !Boolean.FALSE.equals(l.allowDeviceInstructions()));
    }

    /** Sets the status unless locked (then only another LOCKED is accepted). */
    boolean setStatus(String next) {
        if ("LOCKED".equals(status) && !"LOCKED".equals(next)) {
            return false;
        }
        status = next;
        return true;
    }

    ScanQueueStatus snapshot(long nextScanNumber) {
        List<QueueInfoEntry> info = new ArrayList<>();
        long predicted = nextScanNumber;
        for (QueueItem item : items) {
            info.add(item.info(predicted));
            if (item.isScan && item.scanNumber == null) {
                predicted++;
            }
        }
        return new ScanQueueStatus(info, status, List.copyOf(locks));
    }
}
