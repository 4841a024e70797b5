package org.jbec.scan.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.ScanQueueLock;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.jbec.bus.api.message.ScanQueueOrderMessage;
import org.jbec.bus.api.message.ScanRestartMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue modification actions with BEC's exact effects (bec-behaviour.md §6.3, §6.4). Each runs
 * under the queue manager's lock; stopping the active item only marks it: its worker notices at the
 * next checkpoint, runs the clean-up and finishes it.
 */
final class QueueModifications {

    private final Logger logger = LoggerFactory.getLogger(QueueModifications.class);
    private final QueueManager manager;

    QueueModifications(QueueManager manager) {
        this.manager = manager;
    }

    void apply(ScanQueueModificationMessage request) {
        String name = request.queue() == null ? "primary" : request.queue();
        synchronized (manager.state) {
            ScanQueue queue = manager.queues.get(name);
            if (queue == null) {
                logger.info("{} for queue '{}' ignored: no such queue", request.action(), name);
                return;
            }
            switch (request.action()) {
                case "pause" -> pause(queue);
                case "deferred_pause" -> deferredPause(queue);
                case "continue" -> resume(queue);
                case "abort" -> abort(queue, request, ItemExit.ABORTED_BY_USER);
                case "halt" -> abort(queue, request, ItemExit.HALTED);
                case "user_completed" -> abort(queue, request, ItemExit.USER_COMPLETED);
                case "clear" -> clear(queue);
                case "restart" -> restart(queue, request.parameter());
                case "lock" -> lock(queue, request.parameter());
                case "release_lock" -> releaseLock(queue, request.parameter());
                default -> logger.info("queue action '{}' is not handled by the scan server (BEC: clients send continue)",
                        request.action());
            }
            manager.state.notifyAll();
        }
    }

    private static void pause(ScanQueue queue) {
        QueueItem active = queue.active();
        if (active != null && !active.stopped()) {
            active.status = "PAUSED";
        }
    }

    private static void deferredPause(ScanQueue queue) {
        if (queue.setStatus("PAUSED")) {
            QueueItem active = queue.active();
            if (active != null && !active.stopped()) {
                active.status = "DEFERRED_PAUSE";
            }
        }
    }

    private static void resume(ScanQueue queue) {
        if (queue.setStatus("RUNNING")) {
            QueueItem active = queue.active();
            if (active != null && !active.stopped()) {
                active.status = "RUNNING";
            }
        }
    }

    private void abort(ScanQueue queue, ScanQueueModificationMessage request, ItemExit exit) {
        QueueItem named = request.scanId() != null ? queue.byScanId(request.scanId())
                : request.requestId() != null ? queue.byRequestId(request.requestId()) : null;
        if (named != null && "PENDING".equals(named.status)) {
            named.status = "CANCELLED"; // shown once, then removed
            manager.publishStatus();
            queue.items.remove(named);
            manager.recordHistory(queue, named);
            return;
        }
        stopActive(queue, exit);
    }

    /** Stops the active item (or only pauses the queue when none runs); caller holds the lock. */
    void stopActive(ScanQueue queue, ItemExit exit) {
        String before = queue.status;
        if (!queue.items.isEmpty() && exit != ItemExit.USER_COMPLETED && exit != ItemExit.RESTARTED) {
            queue.setStatus("PAUSED");
        }
        QueueItem active = queue.active();
        if (active == null || active.stopped()) {
            return;
        }
        active.exit = exit;
        active.status = "STOPPED";
        manager.stopDevices(active);
        manager.interruptIfStuck(active);
        if (exit == ItemExit.USER_COMPLETED || exit == ItemExit.RESTARTED) {
            queue.setStatus(before);
        }
    }

    private void clear(ScanQueue queue) {
        queue.setStatus("PAUSED");
        QueueItem active = queue.active();
        if (active != null && !active.stopped()) {
            active.exit = ItemExit.ABORTED_BY_USER;
            active.status = "STOPPED";
            manager.stopDevices(active);
            manager.interruptIfStuck(active);
        }
        queue.items.removeIf(item -> item != active);
        queue.buffered.clear();
    }

    private void restart(ScanQueue queue, Map<String, Object> parameter) {
        QueueItem active = queue.active();
        if (active == null || active.stopped() || !active.isScan) {
            logger.info("restart of queue '{}' ignored: no running scan", queue.name);
            return;
        }
        Map<String, Object> metadata = new LinkedHashMap<>(active.request.metadata());
        if (parameter.get("RID") != null) {
            metadata.put("RID", String.valueOf(parameter.get("RID")));
        }
        ScanQueueMessage copy = new ScanQueueMessage(metadata, active.request.scanType(),
                deepCopy(active.request.parameter()), active.request.queue(), active.request.allowRestart());
        manager.bus.send(Endpoints.scanRestart(), new ScanRestartMessage(null, active.scanId, copy));
        if (!Boolean.FALSE.equals(active.request.allowRestart())) {
            manager.insert(queue, copy, 1);
        }
        stopActive(queue, ItemExit.RESTARTED);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof java.util.List<?> list) {
            return (T) new java.util.ArrayList<>(list.stream().map(QueueModifications::deepCopy).toList());
        }
        return value;
    }

    private void lock(ScanQueue queue, Map<String, Object> parameter) {
        Object reason = parameter.get("reason");
        Object identifier = parameter.get("identifier");
        if (reason == null || identifier == null) {
            logger.warn("lock of queue '{}' refused: reason and identifier are required", queue.name);
            return;
        }
        boolean allow = !Boolean.FALSE.equals(parameter.get("allow_device_instructions"));
        if (queue.locks.isEmpty()) {
            queue.statusBeforeLock = queue.status;
        }
        queue.locks.removeIf(l -> l.identifier().equals(String.valueOf(identifier)));
        queue.locks.add(new ScanQueueLock(String.valueOf(reason), String.valueOf(identifier), allow));
        queue.status = "LOCKED";
    }

    private static void releaseLock(ScanQueue queue, Map<String, Object> parameter) {
        String identifier = String.valueOf(parameter.get("identifier"));
        if (queue.locks.removeIf(l -> l.identifier().equals(identifier)) && queue.locks.isEmpty()) {
            queue.status = queue.statusBeforeLock == null ? "RUNNING" : queue.statusBeforeLock;
        }
    }

    /** A MAJOR alarm: the scan it names is aborted, or the active item of the queue when none is named. */
    void abortForAlarm(String queueName, Object scanId) {
        synchronized (manager.state) {
            ScanQueue queue = manager.queues.get(queueName);
            if (queue == null) {
                return;
            }
            if (scanId != null) {
                QueueItem named = queue.byScanId(scanId);
                if (named == null || named != queue.active() || named.stopped()) {
                    return; // already stopped (its own failure raised the alarm) or not running
                }
            }
            stopActive(queue, ItemExit.ABORTED_BY_ALARM);
            manager.state.notifyAll();
        }
    }

    /** move_up, move_down, move_top, move_bottom, move_to — only while the queue is paused. */
    void reorder(ScanQueueOrderMessage request) {
        synchronized (manager.state) {
            ScanQueue queue = manager.queues.get(request.queue() == null ? "primary" : request.queue());
            if (queue == null || !"PAUSED".equals(queue.status)) {
                return;
            }
            QueueItem item = queue.byScanId(request.scanId());
            if (item == null) {
                return;
            }
            int from = queue.items.indexOf(item);
            int last = queue.items.size() - 1;
            int to = switch (request.action()) {
                case "move_up" -> from - 1;
                case "move_down" -> from + 1;
                case "move_top" -> 0;
                case "move_bottom" -> last;
                case "move_to" -> request.targetPosition() == null ? from : request.targetPosition().intValue();
                default -> from;
            };
            // the item a worker runs stays at the head
            int first = queue.active() != null && queue.active() != item ? 1 : 0;
            to = Math.max(first, Math.min(last, to));
            queue.items.remove(from);
            queue.items.add(to, item);
        }
    }
}
