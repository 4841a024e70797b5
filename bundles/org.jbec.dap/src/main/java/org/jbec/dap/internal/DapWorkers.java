package org.jbec.dap.internal;

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
 * The bundle's threads, shared by its components: fits and bus requests run here, never on the
 * connector's dispatcher thread (which would hold up every other subscription) nor in activation.
 * Two workers: the machine may be small and a fit uses one core fully.
 */
@Component(service = DapWorkers.class)
public final class DapWorkers {

    private final ScheduledExecutorService pool;

    @Activate
    public DapWorkers() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("jbec-dap-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newScheduledThreadPool(2, named);
    }

    ExecutorService executor() {
        return pool;
    }

    ScheduledExecutorService scheduler() {
        return pool;
    }

    @Deactivate
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(2, TimeUnit.SECONDS);
    }
}
