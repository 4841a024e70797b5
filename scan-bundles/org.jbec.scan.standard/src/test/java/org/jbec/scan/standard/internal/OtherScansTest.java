package org.jbec.scan.standard.internal;

import static org.jbec.scan.standard.internal.Requests.create;
import static org.jbec.scan.standard.internal.Requests.plain;
import static org.jbec.scan.standard.internal.Requests.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanException;
import org.junit.jupiter.api.Test;

/** time_scan, acquire, mv, umv, device_rpc, the refused on-the-fly scans, and the registered set. */
class OtherScansTest {

    @Test
    void timeScanReadsPointsTimesAndPausesOnlyBetweenThem() {
        RecordingScanContext ctx = new RecordingScanContext(
                plain("time_scan", List.of(3, 1.0), "exp_time", 0.25, "settling_time", 0));
        ctx.run(create(ctx));
        List<String> expected = new ArrayList<>(List.of("scanReportDevices []", "plan 3 3",
                "reportInstruction {scan_progress={points=3, show_table=true}}", "readBaseline", "openScan", "stage",
                "await stage", "preScan", "await preScan"));
        List<String> point = List.of("trigger", "await trigger", "sleep 0.25", "readMonitored");
        expected.addAll(point);
        expected.add("sleep 0.75");
        expected.addAll(point);
        expected.add("sleep 0.75");
        expected.addAll(point);
        expected.addAll(List.of("complete", "await complete", "unstage", "await unstage", "await readBaseline",
                "closeScan"));
        assertEquals(expected, ctx.calls);
    }

    @Test
    void acquireReadsOnePointBurstTimesWithoutMoving() {
        RecordingScanContext ctx = new RecordingScanContext(scan("acquire", List.of(), "burst_at_each_point", 2));
        ctx.run(create(ctx));
        assertEquals(List.of("trigger", "await trigger", "readMonitored", "trigger", "await trigger", "readMonitored"),
                ctx.calls.subList(ctx.calls.indexOf("await preScan") + 1, ctx.calls.indexOf("complete")));
        assertTrue(ctx.calls.contains("plan 1 2"));
        assertTrue(ctx.calls.stream().noneMatch(c -> c.startsWith("move")));
    }

    @Test
    void mvStartsTheMovesAndDoesNotWait() {
        RecordingScanContext ctx = new RecordingScanContext(
                plain("mv", List.of("samx", 3, "samy", -1.5), "relative", false));
        ctx.runNonScan(create(ctx));
        assertEquals(List.of("checkLimits samx [3.0]", "checkLimits samy [-1.5]", "move+response {samx=3.0, samy=-1.5}"),
                ctx.calls);
    }

    @Test
    void relativeMvAddsTheReadbacks() {
        RecordingScanContext ctx = new RecordingScanContext(plain("mv", List.of("samx", 3), "relative", true))
                .position("samx", 1.5);
        ctx.runNonScan(create(ctx));
        assertEquals(List.of("position samx", "checkLimits samx [4.5]", "move+response {samx=4.5}"), ctx.calls);
    }

    @Test
    void mvOutsideTheLimitsMovesNothing() {
        RecordingScanContext ctx = new RecordingScanContext(
                plain("mv", List.of("samx", 3, "samy", 20), "relative", false)).limits("samy", -10, 10);
        assertEquals("LimitError", assertThrows(ScanException.class, () -> ctx.runNonScan(create(ctx))).type());
        assertEquals(List.of("checkLimits samx [3.0]", "checkLimits samy [20.0]"), ctx.calls);
    }

    @Test
    void umvReportsTheReadbacksThenMovesAndWaits() {
        RecordingScanContext ctx = new RecordingScanContext(
                plain("umv", List.of("samx", 1, "samy", 2), "relative", true)).position("samx", 0.5)
                .position("samy", -1);
        ctx.runNonScan(create(ctx));
        assertEquals(List.of("position samx", "position samy", "checkLimits samx [1.5]", "checkLimits samy [1.0]",
                "reportInstruction {readback={RID=rid-1, devices=[samx, samy], end=[1.5, 1.0], start=[0.5, -1.0]}}",
                "move+response {samx=1.5, samy=1.0}", "await move+response {samx=1.5, samy=1.0}"), ctx.calls);
    }

    @Test
    void absoluteUmvStillReportsWhereTheMotorsStart() {
        RecordingScanContext ctx = new RecordingScanContext(plain("umv", List.of("samx", 1), "relative", false))
                .position("samx", 0.5);
        ctx.runNonScan(create(ctx));
        assertEquals(List.of("position samx", "checkLimits samx [1.0]",
                "reportInstruction {readback={RID=rid-1, devices=[samx], end=[1.0], start=[0.5]}}",
                "move+response {samx=1.0}", "await move+response {samx=1.0}"), ctx.calls);
    }

    @Test
    void deviceRpcSendsOneRpcAndDoesNotWait() {
        RecordingScanContext named = new RecordingScanContext(plain("device_rpc", List.of(), "device", "samx", "func",
                "velocity.put", "func_args", List.of(2), "func_kwargs", Map.of("wait", true), "rpc_id", "rpc-1"));
        named.runNonScan(create(named));
        assertEquals(List.of("rpc samx velocity.put [2] {wait=true} rpc-1"), named.calls);
        RecordingScanContext positional = new RecordingScanContext(
                plain("device_rpc", Arrays.asList("samx", "read", null, null, "rpc-2")));
        positional.runNonScan(create(positional));
        assertEquals(List.of("rpc samx read [] {} rpc-2"), positional.calls);
    }

    @Test
    void aContinuousLineTakesItsOffsetFromTheMotorAndChecksLimitsWithIt() {
        RecordingScanContext ctx = new RecordingScanContext(scan("cont_line_scan", List.of("samx", 0, 4, 5),
                "relative", false)).signal("samx", "velocity", 10.0).signal("samx", "acceleration", 0.2);
        var scan = create(ctx);
        scan.prepare(ctx);
        // offset 0.5 · acceleration · velocity = 1: the motor starts one unit before the first point
        assertEquals(List.of("scanReportDevices [samx]", "signal samx.velocity", "signal samx.acceleration",
                "precision samx", "checkLimits samx [-1.0, 1.0, 2.0, 3.0, 4.0]", "plan 5 5",
                "reportInstruction {scan_progress={points=5, show_table=true}}", "move {samx=-1.0}", "readBaseline"),
                ctx.calls);
    }

    @Test
    void aContinuousLineRefusesAMotorTooFastForTheExposureAndTooFewSteps() {
        RecordingScanContext fast = new RecordingScanContext(scan("cont_line_scan", List.of("samx", 0, 4, 5),
                "relative", false, "exp_time", 0.5)).signal("samx", "velocity", 10.0).signal("samx", "acceleration", 0.2);
        ScanException e = assertThrows(ScanException.class, () -> create(fast).prepare(fast));
        assertTrue(e.getMessage().startsWith("Motor samx is moving too fast. Time per step: 0.100 < Exp_time: 0.500"),
                e.getMessage());
        assertTrue(fast.calls.stream().noneMatch(c -> c.startsWith("move")), "nothing moved");
        RecordingScanContext one = new RecordingScanContext(scan("cont_line_scan", List.of("samx", 0, 4, 1),
                "relative", false));
        assertTrue(assertThrows(ScanException.class, () -> create(one)).getMessage().contains("at least 2 steps"));
    }

    @Test
    void aLineSweepChecksBothEndsAndPreMovesToTheStart() {
        RecordingScanContext ctx = new RecordingScanContext(scan("line_sweep_scan", List.of("samx", -2, 2),
                "relative", true, "min_update", 0, "max_update", 0)).position("samx", 1.0);
        var scan = create(ctx);
        scan.prepare(ctx);
        assertEquals(List.of("scanReportDevices [samx]", "position samx", "checkLimits samx [-1.0, 3.0]", "plan 0 0",
                "reportInstruction {scan_progress={points=0, show_table=true}}", "move {samx=-1.0}", "readBaseline"),
                ctx.calls);
    }

    @Test
    void everyDescribedScanIsRegisteredAndEveryRunIsANewObject() {
        List<StandardScan> definitions = StandardScans.definitions(() -> 0);
        assertEquals(StandardScanDescriptions.all(), definitions.stream().map(StandardScan::description).toList());
        StandardScan line = definitions.stream().filter(d -> d.description().name().equals("line_scan")).findFirst()
                .orElseThrow();
        var request = scan("line_scan", List.of("samx", 0, 1), "steps", 2, "relative", false);
        assertNotSame(line.create(request), line.create(request));
        assertEquals(17, definitions.stream().map(StandardScan::description).map(ScanDescription::name).distinct()
                .count());
    }
}
