package org.jbec.file.writer.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** Named daemon threads for the writer's executors. */
final class Threads {

    private Threads() {
    }

    static ThreadFactory named(String name) {
        return r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName(name);
            t.setDaemon(true);
            return t;
        };
    }
}
