package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.test.support.Await;
import org.junit.jupiter.api.Test;

/** BEC's queue modification actions (bec-behaviour.md §6.3) on running scans, end to end. */
class QueueActionsSystemTest extends WithScanSystem {

    @Test
    void pauseHoldsTheScanAtItsNextStepAndContinueFinishesIt() throws Exception {
        String rid = system.slowScan("samx", 30, false, "primary");
        system.awaitPoints(rid, 3);
        system.modify("pause", "primary", Map.of());
        String scanId = system.awaitStatus(rid, "paused").scanId();
        int atPause = system.segmentsOf(scanId).size();
        // half a second without progress (one read may have been in flight at the pause)
        long until = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < until) {
            assertTrue(system.segmentsOf(scanId).size() <= atPause + 1, "points taken while paused");
            Thread.onSpinWait();
        }
        assertEquals("PAUSED", system.queue("primary").info().get(0).status());
        system.modify("continue", "primary", Map.of());
        assertEquals(30L, system.awaitStatus(rid, "closed").numMonitoredReadouts());
        Await.until("30 points", () -> system.segmentsOf(scanId).size() == 30);
    }

    @Test
    void abortStopsTheScanReturnsARelativeScanToItsStartAndPausesTheQueueWhileItemsWait() throws Exception {
        String first = system.slowScan("samx", 40, true, "primary");
        String second = system.lineScan("samy", 0, 1, 2, Map.of(), "primary");
        system.awaitPoints(first, 3);
        system.modify("abort", "primary", Map.of());
        ScanStatusMessage aborted = system.awaitStatus(first, "aborted");
        assertEquals("user", aborted.reason());
        Await.until("samx back at its start", () -> Math.abs(system.position("samx")) < 1e-9);
        Await.until("queue paused with the second scan waiting", () -> "PAUSED".equals(system.queue("primary").status())
                && system.queue("primary").info().size() == 1);
        assertNull(system.statusOf(second, "open"));
        assertEquals(List.of("STOPPED"), system.history());
        system.modify("continue", "primary", Map.of());
        system.awaitStatus(second, "closed");
        Await.until("queue running and empty", () -> "RUNNING".equals(system.queue("primary").status())
                && system.queue("primary").info().isEmpty());
    }

    @Test
    void haltSkipsTheCleanUpSoARelativeScanStaysWhereItStopped() throws Exception {
        String rid = system.slowScan("samx", 40, true, "primary");
        system.awaitPoints(rid, 5);
        system.modify("halt", "primary", Map.of());
        assertEquals("halted", system.awaitStatus(rid, "halted").status());
        Await.until("item finished", () -> system.history().equals(List.of("STOPPED")));
        assertNotEquals(0.0, system.position("samx"), 1e-9);
        // nothing waited: the empty queue resets to RUNNING by itself
        Await.until("queue running", () -> "RUNNING".equals(system.queue("primary").status()));
    }

    @Test
    void userCompletedEndsTheScanAndTheQueueGoesOn() throws Exception {
        String first = system.slowScan("samx", 40, false, "primary");
        String second = system.lineScan("samy", 0, 1, 2, Map.of(), "primary");
        system.awaitPoints(first, 3);
        system.modify("user_completed", "primary", Map.of());
        system.awaitStatus(first, "user_completed");
        system.awaitStatus(second, "closed");
    }

    @Test
    void restartStopsTheScanAndQueuesACopyUnderTheNewRequestId() throws Exception {
        String first = system.slowScan("samx", 20, false, "primary");
        system.awaitPoints(first, 2);
        system.modify("restart", "primary", Map.of("position", "replace", "RID", "restarted-rid"));
        ScanStatusMessage aborted = system.awaitStatus(first, "aborted");
        assertEquals("alarm", aborted.reason()); // as BEC: a restart sets no exit info
        ScanStatusMessage again = system.awaitStatus("restarted-rid", "closed");
        assertEquals(20L, again.numMonitoredReadouts());
        assertNotEquals(aborted.scanId(), again.scanId());
        assertTrue(system.responses.stream().anyMatch(r -> "restarted-rid".equals(r.metadata().get("RID"))
                && r.accepted()), "the guard accepts the restart under the new RID");
    }

    @Test
    void abortingAPendingItemCancelsOnlyThatItem() throws Exception {
        String first = system.slowScan("samx", 20, false, "primary");
        String second = system.lineScan("samy", 0, 1, 2, Map.of(), "primary");
        system.awaitPoints(first, 1);
        Await.until("both queued", () -> system.queuedScanIds("primary").size() == 2);
        String pending = system.queuedScanIds("primary").get(1);
        system.modify("abort", "primary", Map.of(), pending);
        Await.until("cancelled in the history", () -> system.history().contains("CANCELLED"));
        system.awaitStatus(first, "closed");
        assertNull(system.statusOf(second, "open"));
        assertEquals("RUNNING", system.queue("primary").status());
    }

    @Test
    void deferredPauseLetsTheItemFinishAndHoldsTheNext() throws Exception {
        String first = system.slowScan("samx", 10, false, "primary");
        String second = system.lineScan("samy", 0, 1, 2, Map.of(), "primary");
        system.awaitPoints(first, 1);
        system.modify("deferred_pause", "primary", Map.of());
        system.awaitStatus(first, "closed");
        Await.until("queue paused with the second waiting", () -> "PAUSED".equals(system.queue("primary").status())
                && system.queue("primary").info().size() == 1
                && "PENDING".equals(system.queue("primary").info().get(0).status()));
        assertNull(system.statusOf(second, "open"));
        system.modify("continue", "primary", Map.of());
        system.awaitStatus(second, "closed");
    }

    @Test
    void clearStopsTheActiveItemAndEmptiesTheQueue() throws Exception {
        String first = system.slowScan("samx", 40, false, "primary");
        String second = system.lineScan("samy", 0, 1, 2, Map.of(), "primary");
        system.awaitPoints(first, 2);
        system.modify("clear", "primary", Map.of());
        system.awaitStatus(first, "aborted");
        Await.until("queue empty and running", () -> system.queue("primary").info().isEmpty()
                && "RUNNING".equals(system.queue("primary").status()));
        assertNull(system.statusOf(second, "open"));
    }

    @Test
    void aLockedQueueStartsNoScanUntilItsLastLockIsReleased() throws Exception {
        system.modify("lock", "primary", Map.of("reason", "beam dump", "identifier", "mps"));
        Await.until("locked", () -> "LOCKED".equals(system.queue("primary").status()));
        String rid = system.lineScan("samy", 0, 1, 2, Map.of(), "primary");
        Await.until("queued", () -> system.queue("primary").info().size() == 1);
        system.modify("continue", "primary", Map.of()); // refused while locked
        Await.until("still locked with the lock shown", () -> "LOCKED".equals(system.queue("primary").status())
                && system.queue("primary").locks().size() == 1);
        assertNull(system.statusOf(rid, "open"));
        system.modify("release_lock", "primary", Map.of("identifier", "mps"));
        system.awaitStatus(rid, "closed");
    }

    @Test
    void aMajorAlarmNamingTheScanAbortsIt() throws Exception {
        String rid = system.slowScan("samx", 40, false, "primary");
        system.awaitPoints(rid, 2);
        String scanId = system.statusOf(rid, "open").scanId();
        new org.jbec.service.internal.AlarmPublisher(system.bus).raise(org.jbec.service.AlarmSeverity.MAJOR,
                new org.jbec.bus.api.message.ErrorInfo("x", "beam lost", "beam lost", "BeamLost", null),
                Map.of("scan_id", scanId));
        assertEquals("alarm", system.awaitStatus(rid, "aborted").reason());
        Await.until("queue running again (nothing waiting)", () -> "RUNNING".equals(system.queue("primary").status())
                && system.queue("primary").info().isEmpty());
    }

    @Test
    void aTargetOutsideTheLimitsAbortsBeforeAnyMotionWithAMajorAlarm() throws Exception {
        String rid = system.lineScan("samx", -100, 5, 5, Map.of(), "primary");
        Await.until("LimitError alarm", () -> !system.alarms(a -> a.info().exceptionType().equals("LimitError")).isEmpty());
        var alarm = system.alarms(a -> a.info().exceptionType().equals("LimitError")).get(0);
        assertEquals(2L, alarm.severity());
        assertTrue(alarm.info().errorMessage().contains("samx"), alarm.info().errorMessage());
        Await.until("item stopped", () -> system.history().equals(List.of("STOPPED")));
        assertEquals(0.0, system.position("samx"), 1e-9);
        assertNull(system.statusOf(rid, "open"));
    }

    @Test
    void reorderingAPausedQueueChangesTheRunOrder() throws Exception {
        // an empty paused queue resets to RUNNING by itself: pause behind a running scan
        String running = system.slowScan("samx", 10, false, "primary");
        system.awaitPoints(running, 1);
        system.modify("deferred_pause", "primary", Map.of());
        String a = system.lineScan("samx", 0, 1, 2, Map.of(), "primary");
        String b = system.lineScan("samy", 0, 1, 2, Map.of(), "primary");
        String c = system.lineScan("samz", 0, 1, 2, Map.of(), "primary");
        system.awaitStatus(running, "closed");
        Await.until("three waiting in a paused queue", () -> system.queuedScanIds("primary").size() == 3
                && "PAUSED".equals(system.queue("primary").status()));
        String cId = system.queuedScanIds("primary").get(2);
        system.bus.send(org.jbec.bus.api.Endpoints.scanQueueOrderChangeRequest(),
                new org.jbec.bus.api.message.ScanQueueOrderMessage(null, cId, "move_top", "primary", null));
        Await.until("c on top", () -> system.queuedScanIds("primary").get(0).equals(cId));
        system.modify("continue", "primary", Map.of());
        system.awaitStatus(b, "closed");
        List<String> openOrder = system.statuses.stream().filter(s -> s.status().equals("open"))
                .map(s -> String.valueOf(s.info().get("RID"))).toList();
        assertEquals(List.of(running, c, a, b), openOrder);
    }
}
