package org.jbec.device.server.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jbec.device.api.DeviceException;

/**
 * Calls into device code with a time limit (openHAB's SafeCaller): a device that hangs or throws
 * becomes an error naming it, never a stuck or dead server.
 */
final class Guard {

    private final ExecutorService pool;

    Guard(ExecutorService pool) {
        this.pool = pool;
    }

    <T> T call(String device, String what, Duration limit, Callable<T> action) {
        Future<T> future = pool.submit(action);
        try {
            return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DeviceException(device + ": " + what + " did not return within " + limit.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof DeviceException d) {
                throw d;
            }
            throw new DeviceException(device + ": " + what + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(device + ": interrupted during " + what, e);
        }
    }
}
