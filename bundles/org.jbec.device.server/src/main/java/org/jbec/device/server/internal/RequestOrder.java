package org.jbec.device.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.jbec.bus.api.message.DeviceInstructionMessage;

/**
 * Runs instructions in parallel (BEC's pool), except that the instructions of one request on one
 * device run in the order they arrived: a scan's read of a point never sees the motor already on its
 * way to the next point, and the scan need not wait for the read before it moves. Instructions of
 * other requests (a user's RPC during a scan) and on other devices (two motors of one move) are not
 * held up. Decided on the subscription's thread, so "arrived" is the bus order.
 */
final class RequestOrder {

    private final Map<String, CompletableFuture<Void>> lastByRequestAndDevice = new ConcurrentHashMap<>();
    private final Executor work;

    RequestOrder(Executor work) {
        this.work = work;
    }

    /** Schedules the task after the earlier instructions of the same request on the same devices. */
    void submit(DeviceInstructionMessage instruction, Runnable task) {
        Object rid = instruction.metadata().get("RID");
        if (rid == null) {
            work.execute(task);
            return;
        }
        List<String> keys = new ArrayList<>();
        for (String device : InstructionExecutor.names(instruction.device())) {
            keys.add(rid + "\u0000" + device.split("\\.")[0]);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<CompletableFuture<Void>> before = new ArrayList<>();
        for (String key : keys) {
            CompletableFuture<Void> previous = lastByRequestAndDevice.put(key, done);
            if (previous != null) {
                before.add(previous);
            }
        }
        Runnable run = () -> {
            try {
                task.run();
            } finally {
                done.complete(null);
                keys.forEach(key -> lastByRequestAndDevice.remove(key, done));
            }
        };
        if (before.isEmpty()) {
            work.execute(run);
        } else {
            CompletableFuture.allOf(before.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> work.execute(run));
        }
    }

    /** Requests and devices with instructions pending or running (for tests). */
    int tracked() {
        return lastByRequestAndDevice.size();
    }
}
