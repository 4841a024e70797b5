package org.jbec.device.server.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jbec.bus.api.message.DeviceInstructionMessage;

/**
 * Runs instructions in parallel (BEC's pool), except that an instruction that acts on a device (set,
 * trigger, stage, …) starts only after the earlier instructions of the same request on that device
 * are done: a scan's read of a point never sees the motor already on its way to the next point, and
 * the scan need not wait for the read before it moves. Reads wait only for earlier reads (point ids
 * stay in time order), not for moves, so a continuous scan reads while its sweep is still moving. Other requests (a user's RPC during a scan) and other
 * devices (two motors of one move) are never held up. Decided on the subscription's thread, so
 * "earlier" is the bus order.
 */
final class RequestOrder {

    private record Pending(CompletableFuture<Void> done, boolean read) {
    }

    private static final int MAX_CHAINED = 4;

    /** request id + root device → instructions received and not yet done. */
    private final Map<String, Set<Pending>> inFlight = new HashMap<>();
    private final Executor work;
    /** How many instructions run nested on a thread, each started where the one it followed ended. */
    private final ThreadLocal<int[]> chained = ThreadLocal.withInitial(() -> new int[1]);

    RequestOrder(Executor work) {
        this.work = work;
    }

    /** An instruction's work, given the call that lets the later ones go and where it runs. */
    interface Task {
        /**
         * @return false when the instruction goes on elsewhere (only ever from the bus thread): its
         *         continuation calls {@code done}
         */
        boolean run(Runnable done, boolean onBusThread);
    }

    /**
     * Schedules the task after the earlier instructions of its request on its devices it must follow.
     * The task gets the call that lets the later ones go: it may call it before it ends (an
     * instruction answered by the watchdog while its thread is stuck in a device); it is called when
     * the task ends in any case, and only its first call counts.
     *
     * @param mayRunHere whether the task may run on the calling (bus) thread when nothing holds it
     *        up: it then must not wait for anything (its devices promised to return at once)
     */
    void submit(DeviceInstructionMessage instruction, boolean mayRunHere, Task task) {
        Object rid = instruction.metadata().get("RID");
        if (rid == null) {
            if (mayRunHere) {
                task.run(() -> { }, true);
            } else {
                work.execute(() -> task.run(() -> { }, false));
            }
            return;
        }
        boolean read = "read".equals(instruction.action());
        List<String> keys = new ArrayList<>();
        for (String device : InstructionExecutor.names(instruction.device())) {
            keys.add(rid + "\u0000" + InstructionExecutor.rootDevice(device));
        }
        Pending self = new Pending(new CompletableFuture<>(), read);
        List<CompletableFuture<Void>> before = new ArrayList<>();
        synchronized (inFlight) {
            for (String key : keys) {
                Set<Pending> pending = inFlight.computeIfAbsent(key, k -> new LinkedHashSet<>());
                for (Pending earlier : pending) {
                    if (!read || earlier.read()) {
                        before.add(earlier.done());
                    }
                }
                pending.add(self);
            }
        }
        Runnable done = () -> {
            synchronized (inFlight) {
                for (String key : keys) {
                    Set<Pending> pending = inFlight.get(key);
                    if (pending != null && pending.remove(self) && pending.isEmpty()) {
                        inFlight.remove(key);
                    }
                }
            }
            self.done().complete(null);
        };
        if (before.isEmpty() && mayRunHere) {
            boolean ended = true;
            try {
                ended = task.run(done, true);
            } finally {
                if (ended) {
                    done.run();
                }
            }
            return;
        }
        Runnable run = () -> {
            try {
                task.run(done, false);
            } finally {
                done.run();
            }
        };
        if (before.isEmpty()) {
            work.execute(run);
            return;
        }
        Thread submitting = Thread.currentThread();
        CompletableFuture.allOf(before.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            // the instruction it waited for just ended on this pool thread: go on here instead of
            // handing over to another (a scan's move follows its read so, once per point); never on
            // the subscription's thread (already done when registered), and not nested without end
            int[] depth = chained.get();
            if (Thread.currentThread() != submitting && depth[0] < MAX_CHAINED) {
                depth[0]++;
                try {
                    run.run();
                } finally {
                    depth[0]--;
                }
            } else {
                work.execute(run);
            }
        });
    }

    /** Requests and devices with instructions pending or running (for tests). */
    int tracked() {
        synchronized (inFlight) {
            return inFlight.size();
        }
    }
}
