package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.test.support.Await;
import org.junit.jupiter.api.Test;

/** Named queues run in parallel; the device lock registry serialises what shares a device (§6.6). */
class ParallelQueuesSystemTest extends WithScanSystem {

    @Test
    void queuesWithDisjointDevicesOverlapInTime() throws Exception {
        String a = system.slowScan("samx", 20, false, "primary");
        String b = system.slowScan("samy", 20, false, "alignment");
        ScanStatusMessage aOpen = system.awaitStatus(a, "open");
        ScanStatusMessage bOpen = system.awaitStatus(b, "open");
        ScanStatusMessage aClosed = system.awaitStatus(a, "closed");
        ScanStatusMessage bClosed = system.awaitStatus(b, "closed");
        assertTrue(aOpen.timestamp() < bClosed.timestamp() && bOpen.timestamp() < aClosed.timestamp(),
                "the scans did not overlap: " + List.of(aOpen.timestamp(), aClosed.timestamp(), bOpen.timestamp(),
                        bClosed.timestamp()));
        assertTrue(system.queue("alignment") != null, "the named queue is in the queue status");
        // scan numbers are drawn one at a time across queues: never the same twice
        assertTrue(!aOpen.scanNumber().equals(bOpen.scanNumber()));
    }

    @Test
    void queuesSharingADeviceTakeTurnsAndShowWhatTheyWaitFor() throws Exception {
        String a = system.slowScan("samx", 20, false, "primary");
        system.awaitPoints(a, 1);
        String b = system.slowScan("samx", 5, false, "alignment");
        Await.until("the second queue's request waits for samx", () -> {
            var q = system.queue("alignment");
            return q != null && !q.info().isEmpty()
                    && q.info().get(0).requestBlocks().get(0).pendingDeviceLocks().contains("samx");
        });
        ScanStatusMessage aClosed = system.awaitStatus(a, "closed");
        ScanStatusMessage bOpen = system.awaitStatus(b, "open");
        assertTrue(bOpen.timestamp() >= aClosed.timestamp(), "the second scan opened while the first held samx");
        assertEquals(5L, system.awaitStatus(b, "closed").numMonitoredReadouts());
    }

    @Test
    void scanAndDatasetNumbersCountUpPerScanAndNonScansGetNone() throws Exception {
        String first = system.lineScan("samx", 0, 1, 2, Map.of(), "primary");
        String move = system.submit("mv", Map.of("samy", List.of(1.0)), Map.of("relative", false), "primary");
        String second = system.lineScan("samx", 0, 1, 2, Map.of(), "primary");
        ScanStatusMessage one = system.awaitStatus(first, "closed");
        ScanStatusMessage two = system.awaitStatus(second, "closed");
        assertEquals(1L, one.scanNumber());
        assertEquals(2L, two.scanNumber());
        assertEquals(1L, one.datasetNumber());
        assertEquals(2L, two.datasetNumber());
        assertTrue(system.statusesOf(move).isEmpty(), "mv is not a scan");
        Await.until("samy moved by mv", () -> Math.abs(system.position("samy") - 1.0) < 1e-9);
    }

    @Test
    void aNamedQueueIsRemovedOnceIdleAndPrimaryStays() throws Exception {
        system.queues.idleQueueLifetime = java.time.Duration.ofMillis(300);
        String rid = system.lineScan("samy", 0, 1, 2, Map.of(), "alignment");
        system.awaitStatus(rid, "closed");
        Await.until("alignment gone from the queue status", () -> system.queue("alignment") == null);
        assertTrue(system.queue("primary") != null, "primary always exists");
        // used again, it comes back with a worker
        String again = system.lineScan("samy", 0, 1, 2, Map.of(), "alignment");
        system.awaitStatus(again, "closed");
    }
}
