package org.jbec.bus.redis.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jbec.bus.api.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Combines the readers' up/down reports into one state. */
final class ConnectionTracker {
    private final Dispatcher dispatcher;
    private final String address;
    private final Runnable beforeReconnected;
    private final List<Consumer<ConnectionState>> listeners = new CopyOnWriteArrayList<>();
    private final Set<String> up = ConcurrentHashMap.newKeySet();
    private final Set<String> parts = ConcurrentHashMap.newKeySet();
    private volatile ConnectionState state = ConnectionState.RECONNECTING;
    /** When the bus last lost Redis (or started without it); meaningless while CONNECTED. */
    private volatile long downSinceNanos = System.nanoTime();
    private final Logger logger = LoggerFactory.getLogger(ConnectionTracker.class);

    ConnectionTracker(Dispatcher dispatcher, String address, Runnable beforeReconnected) {
        this.dispatcher = dispatcher;
        this.address = address;
        this.beforeReconnected = beforeReconnected;
    }

    PubSubLoop.Listener part(String name) {
        parts.add(name);
        return new PubSubLoop.Listener() {
            @Override
            public void up() {
                up.add(name);
                update(null);
            }

            @Override
            public void down(String reason) {
                up.remove(name);
                update(reason);
            }
        };
    }

    private synchronized void update(String reason) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        ConnectionState next = up.containsAll(parts) ? ConnectionState.CONNECTED : ConnectionState.RECONNECTING;
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
