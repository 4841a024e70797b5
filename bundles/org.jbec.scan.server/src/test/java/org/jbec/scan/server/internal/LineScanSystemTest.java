package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.test.support.Await;
import org.junit.jupiter.api.Test;

/** Scans run end to end through the bus: guard, queue, worker, device server, bundler. */
class LineScanSystemTest extends WithScanSystem {

    @Test
    void aLineScanOpensMovesReadsEveryPointAndCloses() throws Exception {
        String rid = system.lineScan("samx", -5, 5, 11, Map.of(), "primary");
        ScanStatusMessage open = system.awaitStatus(rid, "open");
        ScanStatusMessage closed = system.awaitStatus(rid, "closed");
        assertEquals(11L, open.numPoints());
        assertEquals(11L, closed.numMonitoredReadouts());
        assertEquals(List.of("samx"), open.scanReportDevices());
        assertEquals(List.of("samx", "bpm4i", "bpm3a"), open.readoutPriority().get("monitored"));
        Await.until("11 segments", () -> system.segmentsOf(open.scanId()).size() == 11);
        List<ScanMessage> points = new java.util.ArrayList<>(system.segmentsOf(open.scanId()));
        points.sort(java.util.Comparator.comparing(ScanMessage::pointId));
        for (int i = 0; i < 11; i++) {
            ScanMessage point = points.get(i);
            assertEquals(i, points.get(i).pointId());
            double samx = ((Number) ((Map<?, ?>) ((Map<?, ?>) points.get(i).data().get("samx")).get("samx")).get("value"))
                    .doubleValue();
            assertEquals(-5 + i, samx, 1e-9, "samx at point " + i);
            assertTrue(point.data().keySet().containsAll(List.of("samx", "bpm4i", "bpm3a")));
        }
        assertEquals(5.0, system.position("samx"), 1e-9);
        assertEquals(List.of("open", "closed"), system.statusesOf(rid));
        Await.until("history entry", () -> system.history().equals(List.of("COMPLETED")));
        assertEquals(1L, open.scanNumber());
    }
}
