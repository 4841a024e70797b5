package org.jbec.scan.standard.internal;

import static org.jbec.scan.standard.internal.Requests.create;
import static org.jbec.scan.standard.internal.Requests.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.jbec.scan.api.ScanRequest;
import org.junit.jupiter.api.Test;

/**
 * Every step scan hands its arguments to the right generator: the targets it checks against the
 * limits (all of them, per motor) are the generator's columns, and it reads once per row.
 */
class StepScanPositionsTest {

    @Test
    void logScan() {
        check(scan("log_scan", List.of("samx", 1, 10), "steps", 4, "relative", false),
                Positions.log(new double[][] {{1, 10}}, 4), "samx");
    }

    @Test
    void listScan() {
        check(scan("list_scan", List.of("samx", List.of(1, 2.5, 3), "samy", List.of(4, 5, 6)), "relative", false),
                Positions.list(new double[][] {{1, 2.5, 3}, {4, 5, 6}}), "samx", "samy");
    }

    @Test
    void fermatScan() {
        check(scan("fermat_scan", List.of("samx", -1, 1, "samy", -2, 2, 0.5), "relative", false,
                "optim_trajectory", null, "spiral_type", 1),
                Positions.fermat(-1, 1, -2, 2, 0.5, 1), "samx", "samy");
    }

    @Test
    void roundScan() {
        check(scan("round_scan", List.of("samx", "samy", 0.5, 2, 3, 4), "relative", false, "center_1", 1,
                "center_2", -1), Positions.round(0.5, 2, 3, 4, 1, -1), "samx", "samy");
    }

    @Test
    void roundRoiScan() {
        check(scan("round_roi_scan", List.of("samx", -1, 1, "samy", -2, 2, 0.4, 3), "relative", false,
                "center_1", 0, "center_2", 0.5), Positions.roundRoi(-1, 1, -2, 2, 0.4, 3, 0, 0.5), "samx", "samy");
    }

    @Test
    void hexagonalScan() {
        check(scan("hexagonal_scan", List.of("samx", 0, 2, 0.5, "samy", 0, 1, 0.4), "relative", false,
                "snaked", true), Positions.hexagonal(0, 2, 0.5, 0, 1, 0.4, true), "samx", "samy");
    }

    @Test
    void multiRegionLineScan() {
        check(scan("multi_region_line_scan", List.of("samx", List.of(List.of(0, 1, 3), List.of(1, 2, 3))),
                "relative", false), Positions.multiRegionLine(new double[][] {{0, 1, 3}, {1, 2, 3}}), "samx");
    }

    @Test
    void multiRegionGridScan() {
        List<Object> regions = List.of(List.of(List.of(0, 1, 2), List.of(0, 1, 2)),
                List.of(List.of(2, 3, 2), List.of(2, 3, 3)));
        check(scan("multi_region_grid_scan", List.of("samx", "samy", regions), "relative", false, "snaked", true),
                Positions.multiRegionGrid(new double[][][] {{{0, 1, 2}, {0, 1, 2}}, {{2, 3, 2}, {2, 3, 3}}}, true),
                "samx", "samy");
    }

    private static void check(ScanRequest request, double[][] expected, String... motors) {
        assertTrue(expected.length > 1, "a test needs several points");
        RecordingScanContext ctx = new RecordingScanContext(request);
        ctx.run(create(ctx));
        for (int k = 0; k < motors.length; k++) {
            double[] column = new double[expected.length];
            for (int i = 0; i < expected.length; i++) {
                column[i] = expected[i][k];
            }
            assertTrue(ctx.calls.contains("checkLimits " + motors[k] + " " + Arrays.toString(column)),
                    request.scanName() + " " + motors[k] + ": " + ctx.calls);
        }
        assertTrue(ctx.calls.contains("plan " + expected.length + " " + expected.length), ctx.calls::toString);
        assertEquals(expected.length, ctx.count("readMonitored"));
    }
}
