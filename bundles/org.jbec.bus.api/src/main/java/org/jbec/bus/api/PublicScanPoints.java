package org.jbec.bus.api;

import java.util.ArrayList;
import java.util.List;

import org.jbec.bus.api.message.ScanMessage;

/**
 * The points of a finished scan that the scan bundler keeps on the bus for 30 minutes
 * ({@code info/public/<scan_id>/scan_segment/<point_id>}): what a service that was not there while
 * the scan ran (a restarted file writer, a data-processing or web view started later) reads it from.
 */
public final class PublicScanPoints {

    private PublicScanPoints() {
    }

    /**
     * The scan's points still on the bus, in no particular order; at most {@code max} of them.
     *
     * @throws BusUnavailableException when Redis cannot be reached
     */
    public static List<ScanMessage> read(Connector bus, String scanId, int max) {
        List<ScanMessage> points = new ArrayList<>();
        for (String key : bus.keys(Endpoints.publicScanSegment(scanId, "*"))) {
            if (points.size() >= max) {
                break;
            }
            String pointId = key.substring(key.lastIndexOf('/') + 1);
            bus.get(Endpoints.publicScanSegment(scanId, pointId)).ifPresent(points::add);
        }
        return points;
    }
}
