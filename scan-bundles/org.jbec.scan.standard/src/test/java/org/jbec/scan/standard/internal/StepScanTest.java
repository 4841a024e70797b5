package org.jbec.scan.standard.internal;

import static org.jbec.scan.standard.internal.Requests.create;
import static org.jbec.scan.standard.internal.Requests.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.jbec.scan.api.ScanException;
import org.jbec.scan.api.ScanInterruptedException;
import org.junit.jupiter.api.Test;

/** The step scans' hooks against bec-behaviour.md §5.2, as exact call sequences. */
class StepScanTest {

    private static final String PROGRESS_3 = "reportInstruction {scan_progress={points=3, show_table=true}}";

    @Test
    void lineScanRunsBecsHooksInOrder() {
        RecordingScanContext ctx = new RecordingScanContext(
                scan("line_scan", List.of("samx", -1, 1), "steps", 3, "relative", false));
        ctx.run(create(ctx));
        assertEquals(List.of("scanReportDevices [samx]", "checkLimits samx [-1.0, 0.0, 1.0]", "plan 3 3", PROGRESS_3,
                "move {samx=-1.0}", "readBaseline",
                "openScan", "stage", "await stage",
                "await move {samx=-1.0}", "preScan", "await preScan",
                "trigger", "await trigger", "readMonitored",
                "move {samx=0.0}", "await move {samx=0.0}", "trigger", "await trigger", "readMonitored",
                "move {samx=1.0}", "await move {samx=1.0}", "trigger", "await trigger", "readMonitored",
                "complete", "await complete", "unstage", "await unstage",
                "await readBaseline", "closeScan"), ctx.calls);
    }

    @Test
    void relativeLineScanOffsetsByTheReadbacksAndReturnsToThem() {
        RecordingScanContext ctx = new RecordingScanContext(scan("line_scan", List.of("samx", -1, 1, "samy", 0.0, 2.0),
                "steps", 2, "relative", true)).position("samx", 2).position("samy", -1);
        ctx.run(create(ctx));
        assertEquals(List.of("scanReportDevices [samx, samy]", "position samx", "position samy",
                "checkLimits samx [1.0, 3.0]", "checkLimits samy [-1.0, 1.0]", "plan 2 2",
                "reportInstruction {scan_progress={points=2, show_table=true}}",
                "move {samx=1.0, samy=-1.0}", "readBaseline",
                "openScan", "stage", "await stage", "await move {samx=1.0, samy=-1.0}", "preScan", "await preScan",
                "trigger", "await trigger", "readMonitored",
                "move {samx=3.0, samy=1.0}", "await move {samx=3.0, samy=1.0}", "trigger", "await trigger",
                "readMonitored",
                "complete", "await complete", "move {samx=2.0, samy=-1.0}", "await move {samx=2.0, samy=-1.0}",
                "unstage", "await unstage", "await readBaseline", "closeScan"), ctx.calls);
    }

    @Test
    void onExceptionReturnsARelativeScanToItsStart() {
        RecordingScanContext ctx = new RecordingScanContext(
                scan("line_scan", List.of("samx", 0, 2), "steps", 3, "relative", true)).position("samx", 10);
        ctx.stopAt = "move {samx=11.0}";
        assertThrows(ScanInterruptedException.class, () -> ctx.run(create(ctx)));
        assertEquals(List.of("readMonitored", "move {samx=11.0}", "onException stopped at move {samx=11.0}",
                "move {samx=10.0}", "await move {samx=10.0}"), tail(ctx.calls, 5));
    }

    @Test
    void onExceptionLeavesAnAbsoluteScanWhereItIs() {
        RecordingScanContext ctx = new RecordingScanContext(
                scan("line_scan", List.of("samx", 0, 2), "steps", 3, "relative", false));
        ctx.stopAt = "move {samx=1.0}";
        assertThrows(ScanInterruptedException.class, () -> ctx.run(create(ctx)));
        assertEquals(List.of("readMonitored", "move {samx=1.0}", "onException stopped at move {samx=1.0}"),
                tail(ctx.calls, 3));
    }

    @Test
    void aLimitErrorPreventsAnyMove() {
        for (boolean relative : new boolean[] {false, true}) {
            RecordingScanContext ctx = new RecordingScanContext(scan("grid_scan",
                    List.of("samx", -1, 1, 3, "samy", 0, 2, 2), "relative", relative, "snaked", true))
                    .limits("samy", -1, 1);
            ScanException e = assertThrows(ScanException.class, () -> ctx.run(create(ctx)));
            assertEquals("LimitError", e.type());
            List<String> expected = new ArrayList<>(List.of("scanReportDevices [samx, samy]"));
            if (relative) {
                expected.addAll(List.of("position samx", "position samy"));
            }
            expected.addAll(List.of("checkLimits samx [-1.0, 0.0, 1.0, 1.0, 0.0, -1.0]",
                    "checkLimits samy [0.0, 0.0, 0.0, 2.0, 2.0, 2.0]", "onException " + e.getMessage()));
            assertEquals(expected, ctx.calls, "relative " + relative);
        }
    }

    @Test
    void snakedGridMovesOnlyTheMotorsWhoseTargetChanged() {
        assertEquals(List.of("move {samx=0.0, samy=0.0}", "move {samx=1.0}", "move {samy=1.0}", "move {samx=0.0}"),
                moves(true));
        assertEquals(List.of("move {samx=0.0, samy=0.0}", "move {samx=1.0}", "move {samx=0.0, samy=1.0}",
                "move {samx=1.0}"), moves(false));
    }

    private static List<String> moves(boolean snaked) {
        RecordingScanContext ctx = new RecordingScanContext(scan("grid_scan", List.of("samx", 0, 1, 2, "samy", 0, 1, 2),
                "relative", false, "snaked", snaked));
        ctx.run(create(ctx));
        assertEquals(4, ctx.count("readMonitored"));
        return ctx.calls.stream().filter(c -> c.startsWith("move ")).toList();
    }

    @Test
    void burstReadsEveryPointBurstTimesAndWaitsOutTheExposure() {
        RecordingScanContext ctx = new RecordingScanContext(scan("line_scan", List.of("samx", 0, 1), "steps", 2,
                "relative", false, "burst_at_each_point", 3, "exp_time", 0.1, "frames_per_trigger", 2,
                "settling_time", 0.5, "settling_time_after_trigger", 0.3));
        ctx.triggerNanos = 50_000_000; // the trigger's acknowledgement counts towards the 0.2 s exposure
        ctx.run(create(ctx));
        List<String> readout = List.of("sleep 0.5", "trigger", "await trigger", "sleep 0.15", "sleep 0.3",
                "readMonitored");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.addAll(readout);
        }
        expected.addAll(List.of("move {samx=1.0}", "await move {samx=1.0}"));
        for (int i = 0; i < 3; i++) {
            expected.addAll(readout);
        }
        int from = ctx.calls.indexOf("await preScan") + 1;
        assertEquals(expected, ctx.calls.subList(from, ctx.calls.indexOf("complete")));
        assertEquals(List.of("plan 2 6"), ctx.calls.stream().filter(c -> c.startsWith("plan")).toList());
        assertEquals(6, ctx.readouts());
    }

    @Test
    void noExposureSleepWhenTheTriggerTookLongerThanTheExposure() {
        RecordingScanContext ctx = new RecordingScanContext(scan("line_scan", List.of("samx", 0, 1), "steps", 1,
                "relative", false, "exp_time", 0.1));
        ctx.triggerNanos = 300_000_000;
        ctx.run(create(ctx));
        assertEquals(List.of("trigger", "await trigger", "readMonitored"),
                ctx.calls.subList(ctx.calls.indexOf("await preScan") + 1, ctx.calls.indexOf("complete")));
    }

    @Test
    void unequalListsAndEmptyRegionsFailWhenCreated() {
        RecordingScanContext lists = new RecordingScanContext(
                scan("list_scan", List.of("samx", List.of(1, 2), "samy", List.of(3)), "relative", false));
        assertEquals("ScanArgumentError", assertThrows(ScanException.class, () -> create(lists)).type());
        RecordingScanContext regions = new RecordingScanContext(
                scan("multi_region_line_scan", List.of("samx", List.of()), "relative", false));
        assertEquals("multi_region_line_scan: regions must not be empty",
                assertThrows(ScanException.class, () -> create(regions)).getMessage());
        RecordingScanContext grid = new RecordingScanContext(
                scan("grid_scan", List.of("samx", 0, 1, 0, "samy", 0, 1, 2), "relative", false, "snaked", true));
        assertEquals("grid_scan: steps of samx must be at least 1, is 0",
                assertThrows(ScanException.class, () -> create(grid)).getMessage());
        assertEquals(List.of(), lists.calls, "nothing was sent");
    }

    @Test
    void fermatPathOptimisationIsRefusedRatherThanIgnored() {
        RecordingScanContext ctx = new RecordingScanContext(scan("fermat_scan", List.of("samx", -1, 1, "samy", -1, 1,
                0.5), "relative", false, "optim_trajectory", "corridor", "spiral_type", 0));
        ScanException e = assertThrows(ScanException.class, () -> create(ctx));
        assertEquals("fermat_scan: optim_trajectory 'corridor' is not implemented in jBEC yet; leave it None for the "
                + "plain spiral", e.getMessage());
    }

    static List<String> tail(List<String> calls, int n) {
        return calls.subList(calls.size() - n, calls.size());
    }
}
