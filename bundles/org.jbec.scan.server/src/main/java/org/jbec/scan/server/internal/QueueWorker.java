package org.jbec.scan.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanException;
import org.jbec.scan.api.ScanInterruptedException;
import org.jbec.scan.api.ScanRequest;
import org.jbec.service.AlarmSeverity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker of one queue (bec-behaviour.md §5.1, §6.2): takes the head item when it may start,
 * runs its scan's hooks in order with a checkpoint before each, and finishes the item (history,
 * buffered inserts, auto reset). A failure raises a MAJOR alarm and aborts the item; a stop runs the
 * clean-up its action asks for. The scan is created from the definition registered when the item
 * starts, so a scan bundle updated meanwhile changes the next item, not this one.
 */
final class QueueWorker {

    private final Logger logger = LoggerFactory.getLogger(QueueWorker.class);
    private final QueueManager manager;
    private final ScanCatalogue catalogue;
    private final InstructionTracker tracker;
    private final DeviceLocks locks;

    QueueWorker(QueueManager manager, ScanCatalogue catalogue, InstructionTracker tracker, DeviceLocks locks) {
        this.manager = manager;
        this.catalogue = catalogue;
        this.tracker = tracker;
        this.locks = locks;
    }

    boolean isScan(String scanType) {
        return catalogue.definition(scanType).map(o -> o.description().isScan()).orElse(true);
    }

    void work(ScanQueue queue) {
        try {
            QueueItem item;
            while ((item = next(queue)) != null) {
                run(queue, item);
                finish(queue, item);
            }
        } catch (RuntimeException | Error e) {
            logger.error("worker of queue '{}' failed", queue.name, e);
            manager.alarms.raise(AlarmSeverity.MAJOR, null, "ScanWorkerError",
                    "The worker of queue '" + queue.name + "' failed: " + e);
            synchronized (manager.state) {
                queue.workerAlive = false;
            }
        }
    }

    /** Waits until the head may start and marks it running; null when the queue ends. */
    private QueueItem next(ScanQueue queue) {
        QueueItem item;
        synchronized (manager.state) {
            while (true) {
                if (manager.closed()) {
                    queue.workerAlive = false;
                    return null;
                }
                if (!queue.items.isEmpty()) {
                    queue.emptySinceNanos = System.nanoTime();
                } else if ("PAUSED".equals(queue.status)) {
                    queue.status = "RUNNING"; // BEC's auto reset of an empty paused queue
                    manager.publishStatus();
                } else if (!"primary".equals(queue.name) && System.nanoTime() - queue.emptySinceNanos
                        >= manager.idleQueueLifetime.toNanos()) {
                    manager.queues.remove(queue.name);
                    queue.workerAlive = false;
                    manager.publishStatus();
                    return null;
                }
                if (queue.mayStartHead()) {
                    item = queue.head();
                    item.status = "RUNNING";
                    item.runner = Thread.currentThread();
                    break;
                }
                try {
                    manager.state.wait(100);
                } catch (InterruptedException e) {
                    queue.workerAlive = false;
                    return null;
                }
            }
        }
        if (item.isScan) {
            boolean onHold = Boolean.TRUE.equals(item.request.metadata().get("dataset_id_on_hold"));
            ScanNumbers.Assigned numbers = manager.numbers.next(onHold);
            item.scanNumber = numbers.scanNumber();
            item.datasetNumber = numbers.datasetNumber();
        }
        manager.publishStatus();
        return item;
    }

    private void run(ScanQueue queue, QueueItem item) {
        Optional<ScanCatalogue.Offered> offered = catalogue.definition(item.request.scanType());
        if (offered.isEmpty()) {
            fail(queue, item, null, null, new ScanException("ScanNotFound", "Scan '" + item.request.scanType()
                    + "' is no longer offered: its scan bundle was removed after the request was queued."));
            return;
        }
        ScanRequest request = RequestArguments.of(offered.get().description(), item.request);
        ScanReadout readout = new ScanReadout(SessionDevices.read(manager.bus), request);
        item.readoutPriority = readout.priorities();
        ScanStatusPublisher status = new ScanStatusPublisher(manager.bus, offered.get().description());
        ScanRun run = new ScanRun(manager.bus, tracker, locks, manager, item, request, readout, status);
        Scan scan = null;
        try {
            scan = offered.get().definition().create(request);
            if (scan == null) {
                throw new ScanException("ScanDefinitionError", item.request.scanType() + " created no scan");
            }
            run.initialize();
            runHooks(scan, run, item.isScan);
        } catch (ScanInterruptedException e) {
            cleanUp(scan, run, item.exit == null ? ItemExit.ABORTED_BY_USER : item.exit, e);
        } catch (RuntimeException e) {
            if (manager.closed()) {
                // the scan server is stopping: its instructions were cancelled, the scan was not at fault
                logger.info("scan {} stopped with the scan server", item.scanId);
                return;
            }
            fail(queue, item, scan, run, e);
        } finally {
            run.close();
            locks.releaseAll(item.requestId);
            item.ownedLocks = java.util.List.of();
        }
    }

    private static void runHooks(Scan scan, ScanRun run, boolean isScan) {
        run.checkpoint();
        scan.prepare(run);
        if (isScan) {
            between(run);
            scan.open(run);
            between(run);
            scan.stage(run);
            between(run);
            scan.preScan(run);
        }
        between(run);
        scan.core(run);
        if (isScan) {
            between(run);
            scan.post(run);
            between(run);
            scan.unstage(run);
            between(run);
            scan.close(run);
        }
        run.flushHeld();
    }

    /** Between two hooks: a read held for the next instruction goes out at the end of its hook; pause and stop are seen. */
    private static void between(ScanRun run) {
        run.flushHeld();
        run.checkpoint();
    }

    /** A failure: the item is aborted as by a MAJOR alarm (queue paused, devices stopped), and the alarm raised. */
    private void fail(ScanQueue queue, QueueItem item, Scan scan, ScanRun run, RuntimeException e) {
        synchronized (manager.state) {
            if (item.exit == null) {
                new QueueModifications(manager).stopActive(queue, ItemExit.ABORTED_BY_ALARM);
            }
        }
        // the queue shows PAUSED before the scan shows aborted: a client that sees the abort and
        // continues the queue must find it paused, not still running
        manager.publishStatus();
        ScanException known = e instanceof ScanException s ? s : null;
        String type = known != null ? known.type() : e.getClass().getSimpleName();
        String message = String.valueOf(e.getMessage());
        if (known == null) {
            logger.error("scan {} of queue '{}' failed", item.request.scanType(), queue.name, e);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (item.scanId != null) {
            metadata.put("scan_id", item.scanId);
        }
        if (item.scanNumber != null) {
            metadata.put("scan_number", item.scanNumber);
        }
        metadata.put("queue", queue.name);
        manager.alarms.raise(AlarmSeverity.MAJOR, new ErrorInfo(java.util.UUID.randomUUID().toString(),
                type + ": " + message, type + ": " + message, type, known != null ? known.device() : null), metadata);
        if (run != null) {
            cleanUp(scan, run, item.exit == null ? ItemExit.ABORTED_BY_ALARM : item.exit, e);
        }
    }

    private void cleanUp(Scan scan, ScanRun run, ItemExit exit, RuntimeException cause) {
        run.enterCleanup();
        if (scan != null && exit.runOnException) {
            try {
                scan.onException(run, cause);
            } catch (RuntimeException e) {
                logger.warn("on_exception of {} failed: {}", run.request.scanName(), e.toString());
                manager.alarms.raise(AlarmSeverity.WARNING, null, "ScanCleanupError",
                        "The clean-up of " + run.request.scanName() + " failed: " + e.getMessage());
            }
        }
        try {
            run.status.stopped(run, exit);
        } catch (RuntimeException e) {
            logger.warn("final status of scan {} not published: {}", run.item.scanId, e.toString());
        }
        Thread.interrupted(); // an interrupt meant for the stopped hook must not hit the next item
    }

    private void finish(ScanQueue queue, QueueItem item) {
        synchronized (manager.state) {
            if (item.exit == null) {
                item.status = "COMPLETED";
            }
            item.ended = true;
            item.runner = null;
            queue.items.remove(item);
            manager.recordHistory(queue, item);
            for (var request : queue.buffered) {
                manager.insert(queue, request, queue.items.size());
            }
            queue.buffered.clear();
            if (queue.items.isEmpty() && "PAUSED".equals(queue.status)) {
                queue.status = "RUNNING"; // BEC's auto reset of an empty paused queue
            }
            manager.state.notifyAll();
        }
        manager.publishStatus();
    }
}
