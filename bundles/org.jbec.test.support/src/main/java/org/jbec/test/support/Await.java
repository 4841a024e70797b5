package org.jbec.test.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits on a condition, never a fixed sleep: returns as soon as it holds, fails with what was seen. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code probe} until {@code done} accepts its value.
     *
     * @return the accepted value
     * @throws AssertionError naming {@code what} and the last value when time runs out
     */
    public static <T> T until(String what, Duration within, Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + within.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within.toMillis() + " ms waiting for " + what
                        + "; last seen: " + last);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            last = probe.get();
        }
        return last;
    }

    /** Polls until {@code condition} is true. */
    public static void until(String what, Duration within, Supplier<Boolean> condition) {
        until(what, within, condition, Boolean::booleanValue);
    }
}
