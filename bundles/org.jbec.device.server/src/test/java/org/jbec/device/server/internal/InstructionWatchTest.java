package org.jbec.device.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jbec.bus.api.BusWriter;
import org.jbec.device.api.DeviceException;
import org.junit.jupiter.api.Test;

/** The watch over instructions' device calls: running before final, late running, overrun taken over. */
class InstructionWatchTest {

    private final List<String> said = new CopyOnWriteArrayList<>();
    private final AtomicInteger released = new AtomicInteger();
    /** Work runs at once on the ticking thread: the order of what is said is then exact. */
    private final InstructionWatch watch = new InstructionWatch(null, Runnable::run);

    private final InstructionWatch.Answers answers = new InstructionWatch.Answers() {
        @Override
        public void running(BusWriter out) {
            said.add(out == null ? "running (alone)" : "running (with final)");
        }

        @Override
        public void overrun(DeviceException error, boolean withRunning) {
            said.add((withRunning ? "running, " : "") + "error: " + error.getMessage());
        }
    };

    /** A stand-in for the batch the final response goes in; never written to. */
    private static final BusWriter BATCH = (BusWriter) java.lang.reflect.Proxy.newProxyInstance(
            BusWriter.class.getClassLoader(), new Class<?>[] {BusWriter.class}, (p, m, a) -> null);

    @Test
    void aQuickInstructionSendsRunningWithItsFinalResponse() {
        InstructionWatch.Run run = watch.begin(answers, released::incrementAndGet, false);
        assertEquals(42, run.call("samx", "read", Duration.ofSeconds(1), () -> 42));
        assertTrue(run.finish(BATCH, () -> said.add("completed")));
        run.end();
        assertEquals(List.of("running (with final)", "completed"), said);
        assertEquals(1, released.get());
        assertEquals(0, watch.active());
    }

    @Test
    void aSlowCallGetsItsRunningFromTheTickOnce() throws Exception {
        InstructionWatch.Run run = watch.begin(answers, released::incrementAndGet, false);
        run.call("samx", "set", Duration.ofSeconds(10), () -> {
            TimeUnit.MILLISECONDS.sleep(InstructionWatch.RUNNING_AFTER.toMillis() + 20);
            watch.tick();
            watch.tick();
            return null;
        });
        assertTrue(run.finish(BATCH, () -> said.add("completed")));
        run.end();
        assertEquals(List.of("running (alone)", "completed"), said);
    }

    @Test
    void aCallThatOverrunsIsAnsweredByTheWatchAndItsLateResultDropped() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        InstructionWatch.Run run = callOnItsOwnThread(false, "samf", "trigger", () -> {
            never.await(); // a device that hangs; the interrupt ends the wait
            return null;
        }, outcome);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!outcome.isDone() && System.nanoTime() < deadline) {
            watch.tick(); // as the device server's 10 ms tick does, until the limit has passed
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
        assertTrue(thrown instanceof InstructionWatch.TakenOver, String.valueOf(thrown));
        // a tick before the limit may have sent running alone; the error comes once, after it either way
        assertEquals("error: samf: trigger did not return within 20 ms",
                said.get(said.size() - 1).replace("running, ", ""));
        assertTrue(said.size() == 1 ? said.get(0).startsWith("running, ") : said.get(0).equals("running (alone)"), said.toString());
        assertFalse(run.finish(BATCH, () -> said.add("completed")), "no second answer");
        assertEquals(1, released.get(), "devices and order released once");
        assertThrows(InstructionWatch.TakenOver.class, () -> run.call("samf", "read", Duration.ofSeconds(1), () -> 1));
    }

    @Test
    void anOverrunOnTheBusThreadIsAnsweredWithoutInterruptingThatThread() throws Exception {
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        CountDownLatch answered = new CountDownLatch(1);
        InstructionWatch.Run run = callOnItsOwnThread(true, "slow", "read", () -> {
            answered.await(5, TimeUnit.SECONDS); // a device that broke its promise, for a while
            interrupted.complete(Thread.currentThread().isInterrupted());
            return null;
        }, outcome);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (said.stream().noneMatch(s -> s.contains("error")) && System.nanoTime() < deadline) {
            watch.tick();
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        answered.countDown();
        assertTrue(said.get(said.size() - 1).endsWith("error: slow: read did not return within 20 ms"), said.toString());
        assertFalse(interrupted.get(5, TimeUnit.SECONDS), "the bus thread was interrupted");
        assertTrue(outcome.get(5, TimeUnit.SECONDS) instanceof InstructionWatch.TakenOver);
        assertEquals("slow", run.waitedOnBusThread(), "seen waiting in its call");
        assertEquals("slow", run.slowestBusCall());
        assertTrue(run.slowestBusCallNanos() >= TimeUnit.MILLISECONDS.toNanos(20), "its time is kept for the demotion");
    }

    @Test
    void aCallThatOnlyComputesOnTheBusThreadIsNeverSeenWaiting() {
        InstructionWatch.Run run = watch.begin(answers, released::incrementAndGet, true);
        run.call("quick", "read", Duration.ofSeconds(1), () -> {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
            while (System.nanoTime() < until) {
                watch.tick(); // the ticks find it running, however long it computes
            }
            return null;
        });
        run.end();
        assertEquals("", run.waitedOnBusThread());
        assertEquals("quick", run.slowestBusCall());
    }

    /**
     * Runs one watched device call on a thread of its own (the bus thread when {@code onBusThread});
     * {@code outcome} gets what it threw, or null. Returns once the instruction is being watched.
     */
    private InstructionWatch.Run callOnItsOwnThread(boolean onBusThread, String device, String what,
            java.util.concurrent.Callable<Object> call, CompletableFuture<Throwable> outcome) throws Exception {
        CompletableFuture<InstructionWatch.Run> started = new CompletableFuture<>();
        new Thread(() -> {
            InstructionWatch.Run run = watch.begin(answers, released::incrementAndGet, onBusThread);
            started.complete(run);
            try {
                run.call(device, what, Duration.ofMillis(20), call);
                outcome.complete(null);
            } catch (RuntimeException e) {
                outcome.complete(e);
            } finally {
                run.end();
            }
        }).start();
        return started.get(5, TimeUnit.SECONDS);
    }
}
