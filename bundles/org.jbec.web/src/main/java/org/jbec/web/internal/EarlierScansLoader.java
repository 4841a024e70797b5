package org.jbec.web.internal;

import java.util.ArrayList;
import java.util.List;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.PublicScanPoints;
import org.jbec.bus.api.message.ScanHistoryMessage;
import org.jbec.bus.api.message.ScanMessage;

/**
 * The scans that ran before the web view started, for comparison: the newest entries of BEC's scan
 * history ({@code scans/scan_history}), with their points from the public keys the bundler keeps for
 * 30 minutes ({@code info/public/<scan>/scan_segment/<point>}). Older scans are only in their files,
 * which the web view does not read (it may run on a host without them).
 */
final class EarlierScansLoader {

    private EarlierScansLoader() {
    }

    /** Loads into {@code state}, newest first; returns how many scans were added. */
    static int load(Connector bus, LiveState state) {
        List<BusEvent> entries = new ArrayList<>(bus.lastEntries(Endpoints.scanHistory(), LiveState.MAX_EARLIER_SCANS));
        java.util.Collections.reverse(entries); // newest first
        int added = 0;
        for (BusEvent entry : entries) {
            if (!(entry.value() instanceof ScanHistoryMessage history)) {
                continue;
            }
            var status = bus.get(Endpoints.publicScanInfo(history.scanId()));
            if (status.isEmpty()) {
                continue; // older than 30 minutes: its points are gone from the bus too
            }
            List<ScanMessage> points = PublicScanPoints.read(bus, history.scanId(), LiveState.MAX_EARLIER_POINTS);
            if (state.addEarlier(status.get(), points)) {
                added++;
            }
        }
        return added;
    }
}
