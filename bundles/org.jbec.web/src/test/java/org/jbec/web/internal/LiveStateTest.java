package org.jbec.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.junit.jupiter.api.Test;

class LiveStateTest {

    private static ScanStatusMessage status(String scanId, String status) {
        return new ScanStatusMessage(Map.of(), scanId, status, null, 7L, null, 3L, 0L, "line_scan", "step", null,
                List.of("samx"), null, null, Map.of(), Map.of(), Map.of(), 1.0);
    }

    private static ScanMessage point(String scanId, long id, double x, double y) {
        return new ScanMessage(Map.of(), id, scanId, Map.of(
                "samx", Map.of("samx", Map.of("value", x, "timestamp", 1.0)),
                "bpm4i", Map.of("bpm4i", Map.of("value", y, "timestamp", 1.0))));
    }

    @Test
    void keepsThePointsOfTheCurrentScanOnly() {
        LiveState state = new LiveState();
        assertTrue((Boolean) state.scanStatus(status("s1", "open")).get("reset"));
        Map<String, Object> update = state.segment(List.of(point("s1", 0, -1, 5), point("old", 9, 0, 0)), 42L);
        assertEquals(1, ((List<?>) update.get("points")).size());
        assertNull(state.segment(List.of(point("old", 10, 0, 0)), 43L));
        assertFalse((Boolean) state.scanStatus(status("s1", "closed")).get("reset"));
        assertEquals(1, ((List<?>) state.snapshot().get("points")).size());
        assertTrue((Boolean) state.scanStatus(status("s2", "open")).get("reset"));
        assertEquals(0, ((List<?>) state.snapshot().get("points")).size());
    }

    @Test
    void pointValuesTakeTheHintedSignal() {
        LiveState state = new LiveState();
        state.scanStatus(status("s1", "open"));
        Map<String, Object> update = state.segment(List.of(point("s1", 0, -1, 5)), 42L);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) update.get("points")).get(0);
        assertEquals(Map.of("samx", -1.0, "bpm4i", 5.0), first.get("values"));
        assertEquals(42L, first.get("busMs"));
    }

    @Test
    void alarmsAreBoundedNewestFirstAndClipped() {
        LiveState state = new LiveState();
        for (int i = 0; i < LiveState.MAX_ALARMS + 5; i++) {
            state.alarm(new AlarmMessage(Map.of(), 1L,
                    new ErrorInfo("id" + i, "x".repeat(5000), "", "E" + i, null)), i);
        }
        List<?> alarms = (List<?>) state.snapshot().get("alarms");
        assertEquals(LiveState.MAX_ALARMS, alarms.size());
        Map<?, ?> newest = (Map<?, ?>) alarms.get(0);
        assertEquals("E" + (LiveState.MAX_ALARMS + 4), newest.get("type"));
        assertEquals(BusValues.MAX_TEXT + 1, ((String) newest.get("message")).length());
    }

    private static ScanStatusMessage numbered(String scanId, long number) {
        return new ScanStatusMessage(Map.of(), scanId, "closed", null, number, null, 3L, 0L, "line_scan", "step",
                null, List.of("samx"), null, null, Map.of(), Map.of(), Map.of(), 1.0);
    }

    @Test
    void earlierScansAreKeptForComparisonNewestFirstAndBounded() {
        LiveState state = new LiveState();
        for (int n = 1; n <= LiveState.MAX_EARLIER_SCANS + 3; n++) {
            state.scanStatus(numbered("s" + n, n));
            state.segment(List.of(point("s" + n, 0, n, n)), 1L);
        }
        List<Map<String, Object>> earlier = state.earlierScans();
        assertEquals(LiveState.MAX_EARLIER_SCANS, earlier.size());
        assertEquals(LiveState.MAX_EARLIER_SCANS + 2L, ((Number) earlier.get(0).get("scanNumber")).longValue(),
                "the one before the current scan first");
        assertEquals(1, ((List<?>) state.earlierScan(LiveState.MAX_EARLIER_SCANS + 2).get("points")).size());
        assertNull(state.earlierScan(1), "the oldest ones dropped");
        assertNull(state.earlierScan(LiveState.MAX_EARLIER_SCANS + 3), "the current scan is not an earlier one");
    }

    @Test
    void movingStateIsAskedForChangedAndMovingDevicesOnly() {
        LiveState state = new LiveState();
        state.readback("samx", Map.of("samx", Map.of("value", 1.0)));
        state.readback("bpm4i", Map.of("bpm4i", Map.of("value", 3.0)));
        assertEquals(List.of("samx", "bpm4i"), state.movingToCheck());
        assertTrue(state.moving("samx", java.util.Optional.of(true)));
        assertFalse(state.moving("bpm4i", java.util.Optional.empty()), "no moving state: not a positioner");
        assertEquals(List.of("samx"), ((Map<?, ?>) state.snapshot().get("readbacks")).get("moving"));
        state.readback("bpm4i", Map.of("bpm4i", Map.of("value", 4.0)));
        assertEquals(List.of("samx"), state.movingToCheck(), "still moving: asked again; bpm4i never again");
        assertTrue(state.moving("samx", java.util.Optional.of(false)));
        assertEquals(List.of(), state.movingToCheck());
    }

    @Test
    void scansReadBackFromTheBusQueueBehindTheOnesSeen() {
        LiveState state = new LiveState();
        state.scanStatus(numbered("s1", 1));
        state.segment(List.of(point("s1", 0, 1, 1)), 1L);
        state.scanStatus(numbered("s2", 2)); // s1 becomes an earlier scan
        assertTrue(state.addEarlier(numbered("s0", 0), List.of(point("s0", 1, 0, 0), point("s0", 0, 0, 0))));
        assertFalse(state.addEarlier(numbered("s1", 1), List.of(point("s1", 0, 1, 1))), "known already");
        assertFalse(state.addEarlier(numbered("s2", 2), List.of(point("s2", 0, 1, 1))), "the current scan");
        assertFalse(state.addEarlier(numbered("s9", 9), List.of()), "no points");
        assertEquals(List.of(1L, 0L), state.earlierScans().stream().map(e -> ((Number) e.get("scanNumber")).longValue())
                .toList());
        List<?> points = (List<?>) state.earlierScan(0).get("points");
        assertEquals(0L, ((Map<?, ?>) points.get(0)).get("point"), "in point order");
    }
}
