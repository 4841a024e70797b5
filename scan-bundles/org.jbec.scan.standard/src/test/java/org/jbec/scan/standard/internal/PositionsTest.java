package org.jbec.scan.standard.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** BEC's position formulas (bec-behaviour.md §4.2), point by point where the formula allows. */
class PositionsTest {

    private static final double EPS = 1e-12;

    @Test
    void lineMovesAllAxesTogetherIncludingTheEnds() {
        double[][] p = Positions.line(new double[][] {{-5, 5}, {0, 1}}, 11);
        assertEquals(11, p.length);
        assertArrayEquals(new double[] {-5, 0}, p[0], EPS);
        assertArrayEquals(new double[] {0, 0.5}, p[5], EPS);
        assertArrayEquals(new double[] {5, 1}, p[10], EPS);
        assertArrayEquals(new double[] {2}, Positions.line(new double[][] {{2, 7}}, 1)[0], EPS);
        assertThrows(IllegalArgumentException.class, () -> Positions.line(new double[][] {{0, 1}}, 0));
    }

    @Test
    void logSpacing() {
        double[][] p = Positions.log(new double[][] {{0, 9}}, 3);
        assertEquals(0, p[0][0], EPS);
        assertEquals((Math.sqrt(10) - 1) / 9 * 9, p[1][0], EPS);
        assertEquals(9, p[2][0], EPS);
        assertEquals(4, Positions.log(new double[][] {{4, 8}}, 1)[0][0], EPS, "steps = 1 gives the start");
    }

    @Test
    void gridFirstAxisFastestAndSnaked() {
        double[][] plain = Positions.grid(new double[][] {{0, 2, 3}, {10, 11, 2}}, false);
        assertEquals(6, plain.length);
        assertArrayEquals(new double[] {0, 10}, plain[0], EPS);
        assertArrayEquals(new double[] {1, 10}, plain[1], EPS);
        assertArrayEquals(new double[] {0, 11}, plain[3], EPS);
        double[][] snaked = Positions.grid(new double[][] {{0, 2, 3}, {10, 11, 2}}, true);
        assertArrayEquals(new double[] {2, 11}, snaked[3], EPS, "the second row runs backwards");
        assertArrayEquals(new double[] {0, 11}, snaked[5], EPS);
        double[][] cube = Positions.grid(new double[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}}, true);
        assertEquals(8, cube.length);
        assertArrayEquals(new double[] {1, 1, 0}, cube[2], EPS, "snaking at every level");
    }

    @Test
    void listsAreColumns() {
        double[][] p = Positions.list(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new double[] {2, 5}, p[1], EPS);
        assertThrows(IllegalArgumentException.class, () -> Positions.list(new double[][] {{1, 2}, {3}}));
    }

    @Test
    void fermatSpiralStaysInsideItsRanges() {
        double[][] p = Positions.fermat(-5, 5, -5, 5, 0.5, 0);
        assertTrue(p.length > 300 && p.length <= 1280, "about area/step² points: " + p.length);
        for (double[] point : p) {
            assertTrue(Math.abs(point[0]) <= 5 && Math.abs(point[1]) <= 5);
        }
        double phi = 2 * Math.PI * (1 + Math.sqrt(5)) / 2;
        double r1 = 0.5 / Math.sqrt(Math.PI);
        assertArrayEquals(new double[] {r1 * Math.cos(phi), r1 * Math.sin(phi)}, p[0], EPS);
    }

    @Test
    void roundRingsWithBecsSignConvention() {
        double[][] p = Positions.round(1, 3, 2, 3, 10, 20);
        assertEquals(3 + 6 + 9, p.length, "pos_in_first_ring · k points in rings k = 1 … rings + 1");
        double dr = (1 - 3) / 2.0;
        assertArrayEquals(new double[] {10, 20 + (1 + dr)}, p[0], EPS, "(r·sin 0 + c1, r·cos 0 + c2)");
    }

    @Test
    void roundRoiIsClippedToItsRectangle() {
        double[][] p = Positions.roundRoi(-2, 2, -1, 1, 0.5, 6, 0, 0);
        assertTrue(p.length > 10);
        for (double[] point : p) {
            assertTrue(Math.abs(point[0]) <= 2 + EPS && Math.abs(point[1]) <= 1 + EPS);
        }
    }

    @Test
    void hexagonalOddRowsShifted() {
        double[][] p = Positions.hexagonal(0, 2, 1, 0, 1, 1, false);
        assertArrayEquals(new double[] {0, 0}, p[0], EPS);
        assertArrayEquals(new double[] {0.5, 1}, p[3], EPS, "row 1 starts half a step in");
        double[][] snaked = Positions.hexagonal(0, 2, 1, 0, 1, 1, true);
        assertArrayEquals(new double[] {1.5, 1}, snaked[3], EPS);
    }

    @Test
    void multiRegions() {
        double[][] line = Positions.multiRegionLine(new double[][] {{0, 1, 3}, {1, 2, 3}});
        assertEquals(5, line.length, "the repeated 1.0 appears once");
        assertEquals(2, line[4][0], EPS);
        double[][] grid = Positions.multiRegionGrid(new double[][][] {{{0, 1, 2}, {0, 1, 2}}}, true);
        assertArrayEquals(new double[] {1, 1}, grid[2], EPS);
    }

    @Test
    void relativeScansAddTheCurrentPositions() {
        double[][] p = Positions.offset(Positions.line(new double[][] {{-1, 1}}, 3), new double[] {10});
        assertArrayEquals(new double[] {9}, p[0], EPS);
        assertArrayEquals(new double[] {11}, p[2], EPS);
    }
}
