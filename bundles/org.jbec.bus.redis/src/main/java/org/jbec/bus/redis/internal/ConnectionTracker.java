package org.jbec.bus.redis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.jbec.bus.api.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines the readers' up/down reports into one state. One Redis restart must be one outage:
 * services act on every RECONNECTING (the scan server may abort the running scan), and the readers
 * notice a restart at different times (the pub/sub reader at once, the stream reader when it next
 * reads). So when one reader loses its connection, every other one must prove its own (a round trip
 * begun after the loss) before the bus counts as connected again; one whose connection is dead
 * fails that proof, reconnects, and is part of the same outage.
 */
final class ConnectionTracker {

    /** One reader's standing: connected, asked to prove it, or reconnecting. */
    private enum Standing { UP, PROVING, DOWN }

    /** A reader's reports, and the hook through which it is asked for a proof. */
    final class Part implements PubSubLoop.Listener {
        private final String name;
        private volatile LongConsumer prover = request -> { };
        private Standing standing = Standing.DOWN;
        private long request;

        private Part(String name) {
            this.name = name;
        }

        /**
         * How to ask this reader for a proof: it starts a round trip on its connection and reports
         * {@link #proven} with the request number once Redis answered; a failure shows as
         * {@link #down}. Must not block.
         */
        void proveWith(LongConsumer prover) {
            this.prover = prover;
        }

        @Override
        public long losses() {
            synchronized (ConnectionTracker.this) {
                return losses;
            }
        }

        @Override
        public void up(long lossesAtConnect) {
            long proofRequest = 0;
            synchronized (ConnectionTracker.this) {
                if (lossesAtConnect == losses) {
                    standing = Standing.UP;
                } else {
                    // another reader lost Redis while this one was connecting: its new connection
                    // may predate that, so it proves itself like the readers that were up
                    standing = Standing.PROVING;
                    proofRequest = request = ++requests;
                }
            }
            if (proofRequest != 0) {
                prover.accept(proofRequest);
            }
            update(null);
        }

        @Override
        public void down(String reason) {
            List<Part> toProve = new ArrayList<>();
            synchronized (ConnectionTracker.this) {
                losses++;
                standing = Standing.DOWN;
                for (Part other : parts) {
                    // a proof still under way may have begun before this loss: ask again
                    if (other != this && other.standing != Standing.DOWN) {
                        other.standing = Standing.PROVING;
                        other.request = ++requests;
                        toProve.add(other);
                    }
                }
                update(reason);
            }
            for (Part p : toProve) {
                p.prover.accept(p.request);
            }
        }

        @Override
        public void proven(long request) {
            synchronized (ConnectionTracker.this) {
                if (standing == Standing.PROVING && this.request == request) {
                    standing = Standing.UP;
                }
            }
            update(null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Dispatcher dispatcher;
    private final String address;
    private final Runnable beforeReconnected;
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private final List<Part> parts = new CopyOnWriteArrayList<>();
    private long requests;
    /** Connection losses reported so far, by any reader. */
    private long losses;
    private volatile ConnectionState state = ConnectionState.RECONNECTING;
    /** When the bus last lost Redis (or started without it); meaningless while CONNECTED. */
    private volatile long downSinceNanos = System.nanoTime();
    private final Logger logger = LoggerFactory.getLogger(ConnectionTracker.class);

    ConnectionTracker(Dispatcher dispatcher, String address, Runnable beforeReconnected) {
        this.dispatcher = dispatcher;
        this.address = address;
        this.beforeReconnected = beforeReconnected;
    }

    Part part(String name) {
        Part part = new Part(name);
        parts.add(part);
        return part;
    }

    private synchronized void update(String reason) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        boolean allUp = parts.stream().allMatch(p -> p.standing == Standing.UP);
        ConnectionState next = allUp ? ConnectionState.CONNECTED : ConnectionState.RECONNECTING;
        if (next != state) {
            if (next == ConnectionState.CONNECTED) {
                beforeReconnected.run();
            }
            if (next != ConnectionState.CONNECTED) {
                downSinceNanos = System.nanoTime();
            }
            state = next;
            if (next == ConnectionState.CONNECTED) {
                logger.info("Bus connected to Redis at {}", address);
            } else {
                logger.warn("Bus lost Redis at {} ({}); reconnecting", address, reason);
            }
            listeners.forEach(l -> dispatcher.run(l, next));
        }
    }

    /**
     * Whether every reader but {@code exempt} is connected and {@code exempt} has not lost its
     * connection (it may be asked to prove it).
     */
    synchronized boolean connectedBut(Part exempt) {
        return state != ConnectionState.CLOSED && exempt.standing != Standing.DOWN
                && parts.stream().allMatch(p -> p == exempt || p.standing == Standing.UP);
    }

    synchronized void closed() {
        state = ConnectionState.CLOSED;
    }

    ConnectionState state() {
        return state;
    }

    /** When the current outage began; now when the readers have not noticed one yet. */
    long downSinceNanos() {
        return state == ConnectionState.CONNECTED ? System.nanoTime() : downSinceNanos;
    }

    List<Consumer<ConnectionState>> listeners() {
        return listeners;
    }
}
