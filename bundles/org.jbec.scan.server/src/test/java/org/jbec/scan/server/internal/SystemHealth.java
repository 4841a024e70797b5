package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.test.support.Await;

/** What every fault case ends with: all services up, the queues idle, and a normal scan still runs whole. */
final class SystemHealth {

    private SystemHealth() {
    }

    /** Every queue without waiting or running items. */
    static void awaitQueuesIdle(ScanSystem system) throws InterruptedException {
        try {
            Await.until("every queue idle", Duration.ofSeconds(30),
                    () -> queues(system).values().stream().allMatch(q -> q.info().isEmpty()));
        } catch (AssertionError stuck) {
            throw new AssertionError(stuck.getMessage() + "; queues " + queues(system) + "\n" + queueThreads(), stuck);
        }
    }

    /** Where the scan server's threads are: what a stuck queue waits for. */
    static String queueThreads() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("jbec-queue") || thread.getName().startsWith("jbec-scan")) {
                out.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (int i = 0; i < Math.min(25, stack.length); i++) {
                    out.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return out.toString();
    }

    static Map<String, ScanQueueStatus> queues(ScanSystem system) {
        return system.bus.get(Endpoints.scanQueueStatus()).map(m -> m.queue()).orElse(Map.of());
    }

    /**
     * After junk that queued items of its own: waits until no scan runs (a queue holds items only while
     * paused, as after any failed scan with items waiting), then clears and continues those queues.
     */
    static void settleQueues(ScanSystem system) throws InterruptedException {
        Await.until("no scan running and items only in paused queues; now " + queues(system), Duration.ofSeconds(30),
                () -> queues(system).values().stream().allMatch(q -> q.info().isEmpty()
                        || "PAUSED".equals(q.status()) && q.info().stream().noneMatch(i -> "RUNNING".equals(i.status()))));
        queues(system).forEach((name, q) -> {
            if (!q.info().isEmpty()) {
                system.modify("clear", name, Map.of());
                system.modify("continue", name, Map.of());
            }
        });
        awaitQueuesIdle(system);
    }

    /** Services running, queues idle, then a 3-point line_scan of samx on {@code queue} closes with its 3 points. */
    static void assertAlive(ScanSystem system, String queue) throws InterruptedException {
        assertTrue(system.allRunning(), "every service still running");
        awaitQueuesIdle(system);
        ScanQueueStatus status = system.queue(queue);
        if (status != null && !"RUNNING".equals(status.status())) {
            system.modify("continue", queue, Map.of()); // a queue left paused by an aborted scan
        }
        String rid = system.lineScan("samx", -1, 1, 3, Map.of("exp_time", 0), queue);
        String scanId = Await.value("scan of " + rid + " ended; seen " + system.statusesOf(rid), Duration.ofSeconds(30),
                () -> java.util.Optional.ofNullable(system.statusesOf(rid).stream()
                        .filter(s -> List.of("closed", "aborted", "halted").contains(s)).findFirst().orElse(null)))
                .equals("closed") ? system.statusOf(rid, "closed").scanId() : null;
        assertTrue(scanId != null, "the normal scan closed, statuses " + system.statusesOf(rid));
        Await.until("3 points of the normal scan", () -> system.segmentsOf(scanId).size() >= 3);
        assertEquals(3, system.segmentsOf(scanId).size(), "every point, once");
    }
}
