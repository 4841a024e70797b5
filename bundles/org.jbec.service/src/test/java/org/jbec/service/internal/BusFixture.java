package org.jbec.service.internal;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.redis.internal.JedisConnector;

/** A real connector to a test's private Redis, and a queue to wait for events on. */
final class BusFixture {

    static final Duration WITHIN = Duration.ofSeconds(10);

    private BusFixture() {
    }

    /** The connector with its configuration defaults, pointed at {@code port}. */
    static JedisConnector connector(int port) throws InterruptedException {
        JedisConnector connector = JedisConnector.open("127.0.0.1", port);
        long deadline = System.nanoTime() + WITHIN.toNanos();
        LinkedBlockingQueue<ConnectionState> changes = new LinkedBlockingQueue<>();
        connector.onStateChange(changes::add);
        while (connector.state() != ConnectionState.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connector not connected");
            }
            changes.poll(50, TimeUnit.MILLISECONDS);
        }
        return connector;
    }

    static BusEvent next(LinkedBlockingQueue<BusEvent> events) throws InterruptedException {
        BusEvent e = events.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + WITHIN);
        }
        return e;
    }
}
