package org.jbec.device.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestOrderTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final RequestOrder order = new RequestOrder(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private static DeviceInstructionMessage instruction(String rid, Object device) {
        return instruction(rid, device, "set");
    }

    private static DeviceInstructionMessage instruction(String rid, Object device, String action) {
        return new DeviceInstructionMessage(Map.of("RID", rid, "device_instr_id", "i"), device, action, Map.of());
    }

    @Test
    void oneRequestsInstructionsOnADeviceRunInArrivalOrderOthersDoNotWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch others = new CountDownLatch(2);
        order.submit(instruction("scan", List.of("samx", "bpm4i"), "read"), false, (done, here) -> {
            await(release);
            ran.add("read point 0");
            return true;
        });
        CountDownLatch moved = new CountDownLatch(1);
        order.submit(instruction("scan", "samx"), false, (done, here) -> {
            ran.add("move to point 1");
            moved.countDown();
            return true;
        });
        order.submit(instruction("scan", "samy"), false, (done, here) -> {
            ran.add("move samy");
            others.countDown();
            return true;
        });
        order.submit(instruction("user", "samx"), false, (done, here) -> {
            ran.add("user's rpc on samx");
            others.countDown();
            return true;
        });
        assertTrue(others.await(5, TimeUnit.SECONDS), "other devices and other requests were held up: " + ran);
        assertFalse(moved.await(100, TimeUnit.MILLISECONDS), "the move overtook the read of the same request");
        release.countDown();
        assertTrue(moved.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("read point 0", "move to point 1"),
                ran.stream().filter(s -> s.contains("point")).toList());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (order.tracked() != 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, order.tracked(), "finished instructions are forgotten");
    }

    @Test
    void aReadDoesNotWaitForAMoveStillGoingOnSoContinuousScansReadWhileMoving() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        order.submit(instruction("scan", "samx"), false, (done, here) -> {
            await(release);
            return true;
        }); // the sweep
        CountDownLatch read = new CountDownLatch(1);
        order.submit(instruction("scan", "samx", "read"), false, (done, here) -> {
            read.countDown();
            return true;
        });
        assertTrue(read.await(5, TimeUnit.SECONDS), "the read waited for the sweep");
        release.countDown();
    }

    @Test
    void anInstructionThatMayRunOnTheBusThreadDoesWhenNothingHoldsItUp() throws Exception {
        Thread bus = Thread.currentThread();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        order.submit(instruction("scan", "samx", "read"), true, (done, here) -> {
            ranOn.add(Thread.currentThread());
            return true;
        });
        assertEquals(List.of(bus), ranOn, "nothing held it up: it ran on the submitting thread");
        CountDownLatch release = new CountDownLatch(1);
        order.submit(instruction("scan", "samx", "read"), false, (done, here) -> {
            await(release);
            return true;
        });
        CountDownLatch read = new CountDownLatch(1);
        order.submit(instruction("scan", "samx", "read"), true, (done, here) -> {
            ranOn.add(Thread.currentThread());
            read.countDown();
            return true;
        });
        release.countDown();
        assertTrue(read.await(5, TimeUnit.SECONDS));
        assertTrue(ranOn.get(1) != bus, "behind another instruction it runs where that one ended");
    }

    @Test
    void anInstructionThatGoesOnElsewhereHoldsTheLaterOnesUntilItIsDone() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Runnable> finish = new java.util.concurrent.atomic.AtomicReference<>();
        order.submit(instruction("scan", "samx"), true, (done, here) -> {
            finish.set(done);
            return false; // its move is still under way: a device thread calls done later
        });
        CountDownLatch next = new CountDownLatch(1);
        order.submit(instruction("scan", "samx"), true, (done, here) -> {
            next.countDown();
            return true;
        });
        assertFalse(next.await(100, TimeUnit.MILLISECONDS), "the next move overtook the one still going on");
        finish.get().run();
        assertTrue(next.await(5, TimeUnit.SECONDS));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
