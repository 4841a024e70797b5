package org.jbec.web.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The bundle's threads, shared by its components. Bus subscriptions are made on {@link #scheduler()}
 * (subscribing waits for Redis, which activation must not); everything written to browsers goes
 * through the single {@link #writer()} thread, so each browser sees events in the order the bus
 * delivered them and a snapshot is never overtaken by an update older than it.
 */
@Component(service = WebWorkers.class)
public final class WebWorkers {

    private final ScheduledExecutorService scheduler;
    private final ExecutorService writer;

    @Activate
    public WebWorkers() {
        this.scheduler = Executors.newScheduledThreadPool(1, named("jbec-web-"));
        this.writer = Executors.newSingleThreadExecutor(named("jbec-web-sse-"));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName(prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService writer() {
        return writer;
    }

    @Deactivate
    void stop() throws InterruptedException {
        scheduler.shutdownNow();
        writer.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
        writer.awaitTermination(2, TimeUnit.SECONDS);
    }
}
