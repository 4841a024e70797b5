package org.jbec.bus.redis.internal;

import java.util.function.Supplier;

import org.jbec.bus.api.BusUnavailableException;
import org.jbec.bus.api.ConnectionState;

import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * How the connector's commands live through an outage: a command that finds Redis gone waits for
 * the bus to be connected again (its readers resubscribed, so nothing written afterwards is missed
 * by the connector's own subscribers) and is tried again, until the outage has lasted the
 * configured limit; then it fails with a {@link BusUnavailableException} naming what it was doing.
 */
final class OutageWaits {

    private final ConnectionTracker tracker;
    private final PubSubLoop pubsub;
    private final ConnectionTracker.Part pubsubPart;
    private final String redis;
    private final long outageWaitNanos;

    OutageWaits(ConnectionTracker tracker, PubSubLoop pubsub, ConnectionTracker.Part pubsubPart, String redis,
            long outageWaitNanos) {
        this.tracker = tracker;
        this.pubsub = pubsub;
        this.pubsubPart = pubsubPart;
        this.redis = redis;
        this.outageWaitNanos = outageWaitNanos;
    }

    /**
     * Makes an attempt, and on a lost connection waits for the bus to be connected again and makes
     * it again, as {@link JedisConnector}'s commands do.
     */
    <T> T through(String what, Supplier<T> attempt) {
        long deadline = -1;
        if (tracker.state() == ConnectionState.RECONNECTING && !connectedForCaller()) {
            // Redis may answer again before the readers resubscribed: a message published now would
            // miss this connector's own subscribers
            deadline = tracker.downSinceNanos() + outageWaitNanos;
            awaitConnected(deadline);
        }
        while (true) {
            try {
                return attempt.get();
            } catch (JedisConnectionException e) {
                // measured from the start of the outage: once it has lasted that long, calls fail at once
                // (a framework stopping without Redis must not wait that long for every write)
                if (deadline < 0) {
                    deadline = tracker.downSinceNanos() + outageWaitNanos;
                }
                if (tracker.state() == ConnectionState.CLOSED || !awaitConnected(deadline)) {
                    throw new BusUnavailableException("Redis at " + redis + " unreachable during " + what, e);
                }
            }
        }
    }

    /**
     * Whether the caller may use Redis: the bus is connected, or the caller is a callback on the
     * pub/sub reader, which cannot answer the proof of its own connection while it runs (see
     * {@link ConnectionTracker}), and every other reader is connected.
     */
    private boolean connectedForCaller() {
        return tracker.state() == ConnectionState.CONNECTED
                || (pubsub.isReaderThread() && tracker.connectedBut(pubsubPart));
    }

    /** Waits until the readers report the bus connected; false at the deadline or when closed. */
    private boolean awaitConnected(long deadline) {
        try {
            do {
                Thread.sleep(50); // the readers' reconnect loop flips the state; nothing to block on here
                if (connectedForCaller()) {
                    return true;
                }
            } while (System.nanoTime() < deadline && tracker.state() != ConnectionState.CLOSED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
