package org.jbec.bus.redis.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jbec.bus.api.BusEvent;

/** Collects delivered events; {@link #next} waits for the next one (a condition, not a sleep). */
final class Inbox implements Consumer<BusEvent> {

    static final Duration WITHIN = Duration.ofSeconds(10);

    private final BlockingQueue<BusEvent> events = new LinkedBlockingQueue<>();
    final List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void accept(BusEvent event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    /** The next event within {@code millis}, or null. */
    BusEvent poll(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    BusEvent next() throws InterruptedException {
        BusEvent e = events.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no event within " + WITHIN);
        }
        return e;
    }

    List<BusEvent> next(int n) throws InterruptedException {
        List<BusEvent> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** Nothing more arrives within a short while (for "not delivered" checks). */
    boolean quietFor(Duration d) throws InterruptedException {
        return events.poll(d.toMillis(), TimeUnit.MILLISECONDS) == null;
    }
}
