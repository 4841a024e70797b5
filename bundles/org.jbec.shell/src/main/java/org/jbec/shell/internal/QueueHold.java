package org.jbec.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.ScanQueueStatus;

/**
 * Every queue held for a change of the running code: the queues are locked so that no scan starts,
 * and the hold is taken once the running scan finished (or, with {@code pauseNow}, paused at its next
 * point). Closing the hold releases the locks (and continues paused queues). Shared by the shell's
 * {@code upgrade}, the deploy folder and deployment descriptors.
 */
final class QueueHold implements AutoCloseable {

    static final String LOCK = "jbec-upgrade";
    private static final long WAIT_NANOS = TimeUnit.MINUTES.toNanos(30);

    private final BecClient client;
    private final List<String> queues;
    private final boolean paused;
    private final long heldSince;
    private long waitedNanos;

    private QueueHold(BecClient client, List<String> queues, boolean paused) {
        this.client = client;
        this.queues = queues;
        this.paused = paused;
        this.heldSince = System.nanoTime();
    }

    /**
     * Locks every queue with {@code reason} and waits until no scan runs (or pauses them with
     * {@code pauseNow}). A wait that does not end within 30 minutes releases the locks and throws.
     */
    static QueueHold take(BecClient client, String reason, boolean pauseNow) throws InterruptedException {
        List<String> queues = queueNames(client);
        queues.forEach(q -> client.modify("lock", q, Map.of("reason", reason, "identifier", LOCK,
                "allow_device_instructions", false), null));
        QueueHold hold = new QueueHold(client, queues, pauseNow);
        try {
            if (pauseNow) {
                queues.forEach(q -> client.modify("pause", q, Map.of(), null));
            } else {
                hold.awaitNoActiveItem();
                hold.waitedNanos = System.nanoTime() - hold.heldSince;
            }
        } catch (InterruptedException | RuntimeException e) {
            hold.close();
            throw e;
        }
        return hold;
    }

    /** How the queues were held, for the outcome line. */
    String how() {
        return paused ? "paused mid-scan" : "between items";
    }

    /** Seconds since the queues were locked (no scan started meanwhile). */
    double heldSeconds() {
        return (System.nanoTime() - heldSince) / 1e9;
    }

    /** Seconds the hold waited for the running scan to finish (0 when none ran). */
    double waitedSeconds() {
        return waitedNanos / 1e9;
    }

    private static List<String> queueNames(BecClient client) {
        return client.bus().get(Endpoints.scanQueueStatus()).map(s -> List.copyOf(s.queue().keySet()))
                .orElse(List.of("primary"));
    }

    /**
     * Waits for a queue status that shows our lock in force on every queue and no item under way. A
     * status from before the scan server took the lock does not count: it may show every item PENDING
     * while the worker is just starting the head (the lock request is asynchronous), which let an
     * upgrade remove a scan class under a scan about to start (seen in CI as ScanNotFound).
     */
    private void awaitNoActiveItem() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            var status = client.bus().get(Endpoints.scanQueueStatus());
            boolean busy = status.isPresent() && queues.stream().map(q -> status.get().queue().get(q))
                    .anyMatch(q -> q != null && (!heldByUs(q) || q.info().stream()
                            .anyMatch(i -> !"PENDING".equals(i.status()))));
            if (!busy) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the running scan did not finish within 30 minutes; try --now");
    }

    private static boolean heldByUs(ScanQueueStatus queue) {
        return "LOCKED".equals(queue.status()) && queue.locks() != null
                && queue.locks().stream().anyMatch(l -> LOCK.equals(l.identifier()));
    }

    @Override
    public void close() {
        queues.forEach(q -> client.modify("release_lock", q, Map.of("identifier", LOCK), null));
        if (paused) {
            queues.forEach(q -> client.modify("continue", q, Map.of(), null));
        }
    }
}
