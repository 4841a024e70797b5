package org.jbec.device.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class DeviceStatusTest {

    @Test
    void endsOnceAndTellsItsWatchers() {
        DeviceStatus s = DeviceStatus.pending("samx move");
        AtomicInteger calls = new AtomicInteger();
        s.onDone(x -> calls.incrementAndGet());
        assertFalse(s.isDone());
        s.finish();
        s.fail(new DeviceException("too late"));
        assertTrue(s.succeeded());
        assertEquals(1, calls.get());
    }

    @Test
    void awaitReportsTimeoutsAndFailures() {
        DeviceException timeout = assertThrows(DeviceException.class,
                () -> DeviceStatus.pending("samx move").await(Duration.ofMillis(20)));
        assertTrue(timeout.getMessage().startsWith("samx move did not finish within 20 ms"));
        DeviceException failed = assertThrows(DeviceException.class,
                () -> DeviceStatus.failed("samx move", new DeviceException("LimitError")).await(Duration.ofSeconds(1)));
        assertEquals("LimitError", failed.getMessage());
    }

    @Test
    void timeoutsCombinationsAndChains() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            DeviceStatus slow = DeviceStatus.pending("slow").withTimeout(Duration.ofMillis(30), timer);
            assertThrows(DeviceException.class, () -> slow.await(Duration.ofSeconds(2)));
            assertTrue(slow.error().orElseThrow().getMessage().contains("timed out"));

            DeviceStatus a = DeviceStatus.pending("a");
            DeviceStatus b = DeviceStatus.pending("b");
            DeviceStatus both = DeviceStatus.all("a and b", List.of(a, b));
            a.finish();
            assertFalse(both.isDone());
            b.finish();
            both.await(Duration.ofSeconds(1));

            DeviceStatus chained = DeviceStatus.done("first").then("second", () -> DeviceStatus.done("second"));
            chained.await(Duration.ofSeconds(1));
            DeviceStatus broken = DeviceStatus.failed("first", new DeviceException("x")).then("second",
                    () -> DeviceStatus.done("second"));
            assertThrows(DeviceException.class, () -> broken.await(Duration.ofSeconds(1)));
        } finally {
            timer.shutdownNow();
        }
    }
}
