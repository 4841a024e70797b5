package org.jbec.scan.server.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The scan server's single-thread executors: named (for thread dumps) and daemon (never hold the JVM). */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(named(name));
    }

    /** Threads for long-running tasks (one queue worker each), created as queues appear. */
    static ExecutorService cached(String name) {
        return Executors.newCachedThreadPool(named(name));
    }

    static java.util.concurrent.ScheduledExecutorService scheduled(String name) {
        return Executors.newSingleThreadScheduledExecutor(named(name));
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName(name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
