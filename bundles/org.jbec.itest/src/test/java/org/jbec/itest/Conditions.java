package org.jbec.itest;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Condition waits, never fixed sleeps: return as soon as the condition holds, fail with what was
 * seen. Part of the Pax Exam probe, so usable inside the test framework.
 */
final class Conditions {

    private Conditions() {
    }

    static <T> T await(String what, Duration within, Supplier<T> probe, java.util.function.Predicate<T> done) {
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
}
