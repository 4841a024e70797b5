package org.jbec.device.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Something a device does that takes time (a move, a trigger, a kickoff), as ophyd's Status: it
 * ends once, successfully or with an error; it can be waited on, given a timeout, combined and
 * chained.
 */
public final class DeviceStatus {

    private final String what;
    private final CompletableFuture<Void> future;

    private DeviceStatus(String what, CompletableFuture<Void> future) {
        this.what = what;
        this.future = future;
    }

    /** A status that the device finishes or fails later. @param what for messages: "samx move to 5.0" */
    public static DeviceStatus pending(String what) {
        return new DeviceStatus(what, new CompletableFuture<>());
    }

    public static DeviceStatus done(String what) {
        return new DeviceStatus(what, CompletableFuture.completedFuture(null));
    }

    public static DeviceStatus failed(String what, Throwable error) {
        return new DeviceStatus(what, CompletableFuture.failedFuture(error));
    }

    public String what() {
        return what;
    }

    /** Ends it successfully; a status that already ended stays as it was. */
    public void finish() {
        future.complete(null);
    }

    /** Ends it with an error; a status that already ended stays as it was. */
    public void fail(Throwable error) {
        future.completeExceptionally(error);
    }

    public boolean isDone() {
        return future.isDone();
    }

    public boolean succeeded() {
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /** The error it ended with. */
    public Optional<Throwable> error() {
        if (!future.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            future.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause() == null ? e : e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            return Optional.of(e);
        }
    }

    /**
     * Waits until it ends.
     *
     * @throws DeviceException with the status's error, or when it did not end within the timeout
     */
    public void await(Duration timeout) {
        try {
            future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new DeviceException(what + " did not finish within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof DeviceException d ? d : new DeviceException(what + " failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(what + ": interrupted while waiting", e);
        }
    }

    /** Called once it ends (at once if it has), on the thread that ends it. */
    public DeviceStatus onDone(Consumer<DeviceStatus> callback) {
        future.whenComplete((v, e) -> callback.accept(this));
        return this;
    }

    /** This status, failing with a timeout error when it has not ended within {@code timeout}. */
    public DeviceStatus withTimeout(Duration timeout, ScheduledExecutorService timer) {
        var task = timer.schedule(() -> fail(new DeviceException(what + " timed out after " + timeout.toMillis()
                + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        future.whenComplete((v, e) -> task.cancel(false));
        return this;
    }

    /** A status that ends when all of them have; it fails with the first error. */
    public static DeviceStatus all(String what, List<DeviceStatus> statuses) {
        CompletableFuture<?>[] futures = statuses.stream().map(s -> s.future).toArray(CompletableFuture[]::new);
        return new DeviceStatus(what, CompletableFuture.allOf(futures));
    }

    /** A status for {@code next}, started once this one succeeded; fails if this one fails. */
    public DeviceStatus then(String what, Supplier<DeviceStatus> next) {
        return new DeviceStatus(what, future.thenCompose(v -> next.get().future));
    }

    @Override
    public String toString() {
        return "DeviceStatus[" + what + ", " + (!isDone() ? "running" : succeeded() ? "done" : "failed") + "]";
    }
}
