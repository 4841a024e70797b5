package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jbec.scan.api.ScanInterruptedException;
import org.junit.jupiter.api.Test;

class DeviceLocksTest {

    private final DeviceLocks locks = new DeviceLocks();

    @Test
    void disjointRequestsHoldTheirDevicesAtOnceASharedDeviceWaitsAndReportsWhatItWaitsFor() throws Exception {
        locks.acquire("scan-a", List.of("samx", "bpm4i"), () -> { }, waiting -> { });
        locks.acquire("scan-b", List.of("samy"), () -> { }, waiting -> { });
        assertEquals(Set.of("samx", "bpm4i"), locks.owned("scan-a"));

        List<List<String>> reported = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> c = CompletableFuture.runAsync(
                () -> locks.acquire("scan-c", List.of("samy", "samx.velocity"), () -> { }, reported::add));
        assertThrows(TimeoutException.class, () -> c.get(300, TimeUnit.MILLISECONDS));
        assertEquals(List.of("samy", "samx"), reported.get(0), "roots of the devices held by others");
        assertTrue(locks.owned("scan-c").isEmpty(), "all or nothing: nothing taken while waiting");
        locks.releaseAll("scan-a");
        assertThrows(TimeoutException.class, () -> c.get(300, TimeUnit.MILLISECONDS));
        locks.releaseAll("scan-b");
        c.get(5, TimeUnit.SECONDS);
        assertEquals(Set.of("samy", "samx"), locks.owned("scan-c"));
        assertEquals(List.of(), reported.get(reported.size() - 1), "told when it no longer waits");
    }

    @Test
    void aStoppedRequestStopsWaiting() {
        locks.acquire("scan-a", List.of("samx"), () -> { }, waiting -> { });
        assertThrows(ScanInterruptedException.class, () -> locks.acquire("scan-b", List.of("samx"), () -> {
            throw new ScanInterruptedException("aborted");
        }, waiting -> { }));
        assertFalse(locks.owned("scan-b").contains("samx"));
    }
}
