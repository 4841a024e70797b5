package org.jbec.scan.server.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The scan server's single-thread executors: named (for thread dumps) and daemon (never hold the JVM). */
final class DaemonThreads {

    private DaemonThreads() {
    }

    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName(name);
            t.setDaemon(true);
            return t;
        });
    }
}
