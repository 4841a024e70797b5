package org.jbec.bus.redis.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exponential backoff between reconnection attempts (doubling up to a cap, BEC caps at 30 s),
 * reset by a success, cut short by {@link #wake()} when the connector closes.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private long nextMillis;

    Backoff(long initialMillis, long maxMillis) {
        this.initialMillis = initialMillis;
        this.maxMillis = maxMillis;
        this.nextMillis = initialMillis;
    }

    void reset() {
        nextMillis = initialMillis;
    }

    /** Waits the current delay (or until woken) and doubles it for the next time. */
    void pause() {
        lock.lock();
        try {
            woken.await(nextMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        nextMillis = Math.min(maxMillis, nextMillis * 2);
    }

    void wake() {
        lock.lock();
        try {
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
