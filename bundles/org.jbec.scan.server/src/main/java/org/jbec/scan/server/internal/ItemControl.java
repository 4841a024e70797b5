package org.jbec.scan.server.internal;

/** What a running scan asks of its queue. */
interface ItemControl {

    /** Blocks while the item is paused; returns once it runs again or was stopped. */
    void awaitNotPaused(QueueItem item);

    /** Something clients see in the queue status changed (locks, report instructions). */
    void queueChanged();
}
