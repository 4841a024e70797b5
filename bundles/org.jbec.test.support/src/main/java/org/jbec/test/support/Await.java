package org.jbec.test.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Condition waits for tests, never fixed sleeps: return as soon as the condition holds. */
public final class Await {

    /** Long enough for a loaded CI machine, short enough to fail a hung test quickly. */
    public static final Duration WITHIN = Duration.ofSeconds(10);

    private Await() {
    }

    /** Polls every 10 ms until {@code condition} holds. @throws AssertionError naming {@code what} after {@link #WITHIN} */
    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, WITHIN, condition);
    }

    /** As {@link #until(String, BooleanSupplier)} with a limit of the caller's (scans that take a while). */
    public static void until(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        value(what, within, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /** Polls every 10 ms until {@code supplier} gives a value, and returns it. */
    public static <T> T value(String what, Duration within, Supplier<Optional<T>> supplier) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<T> value = supplier.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within.toSeconds() + " s waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
