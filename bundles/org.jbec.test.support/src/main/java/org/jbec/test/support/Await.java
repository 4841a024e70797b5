package org.jbec.test.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Condition waits for tests, never fixed sleeps: return as soon as the condition holds. */
public final class Await {

    /** Long enough for a loaded CI machine, short enough to fail a hung test quickly. */
    public static final Duration WITHIN = Duration.ofSeconds(10);

    private Await() {
    }

    /** Polls every 10 ms until {@code condition} holds. @throws AssertionError naming {@code what} after {@link #WITHIN} */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WITHIN.toSeconds() + " s waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
