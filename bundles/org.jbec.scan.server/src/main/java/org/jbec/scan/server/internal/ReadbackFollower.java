package org.jbec.scan.server.internal;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;

/**
 * Counts a device's readback updates on the bus, so a scan can wait for the next one (line sweeps,
 * continuous line scans) without polling Redis.
 */
final class ReadbackFollower implements AutoCloseable {

    private final Subscription subscription;
    private long updates;
    private long seen;

    ReadbackFollower(Connector bus, String device) {
        subscription = bus.subscribe(Endpoints.deviceReadback(device), e -> updated());
    }

    private synchronized void updated() {
        updates++;
        notifyAll();
    }

    /**
     * Waits up to {@code slice} nanoseconds for an update not seen yet.
     *
     * @return true when one came (it counts as seen)
     */
    synchronized boolean awaitNext(long sliceNanos) throws InterruptedException {
        long end = System.nanoTime() + sliceNanos;
        while (updates == seen) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000L));
        }
        seen = updates;
        return true;
    }

    @Override
    public void close() {
        subscription.close();
    }
}
