package org.jbec.dap.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.ScanHistoryMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Scan data for the fits, as BEC's client keeps it: the points of recent scans as the scan bundler
 * sends them on {@code info/scans/scan_segment}, with their status. Scans from before this service
 * started are read back from their public keys ({@code info/public/<id>/scan_info} and
 * {@code .../scan_segment/<point>}, kept 30 min after the scan), found by number in the scan history.
 */
@Component(service = ScanDataStore.class)
public final class ScanDataStore {

    static final int KEPT_SCANS = 20;

    private final Connector bus;
    private final Map<String, ScanRecord> scans = new LinkedHashMap<>();
    private final CopyOnWriteArrayList<Consumer<ScanRecord>> listeners = new CopyOnWriteArrayList<>();
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile String lastScanId;

    @Activate
    public ScanDataStore(@Reference Connector bus, @Reference DapWorkers workers) {
        this.bus = bus;
        // subscribing waits for Redis: never on the activation thread
        workers.executor().execute(() -> {
            subscriptions.add(bus.subscribe(Endpoints.scanStatus(), this::onStatus));
            subscriptions.add(bus.subscribe(Endpoints.scanSegment(), this::onSegment));
        });
    }

    @Deactivate
    void stop() {
        subscriptions.forEach(Subscription::close);
    }

    /** Whether both subscriptions are in place (for tests and readiness). */
    boolean listening() {
        return subscriptions.size() == 2;
    }

    /** Called with the scan after each batch of points and each status change. */
    void onUpdate(Consumer<ScanRecord> listener) {
        listeners.add(listener);
    }

    void removeListener(Consumer<ScanRecord> listener) {
        listeners.remove(listener);
    }

    void onStatus(BusEvent event) {
        if (event.value() instanceof ScanStatusMessage status && status.scanId() != null) {
            ScanRecord scan = record(status.scanId());
            scan.status(status);
            listeners.forEach(l -> l.accept(scan));
        }
    }

    void onSegment(BusEvent event) {
        ScanRecord touched = null;
        for (Object m : event.messages()) {
            if (m instanceof ScanMessage point) {
                touched = record(point.scanId());
                touched.add(point);
            }
        }
        if (touched != null) {
            ScanRecord scan = touched;
            listeners.forEach(l -> l.accept(scan));
        }
    }

    private ScanRecord record(String scanId) {
        synchronized (scans) {
            ScanRecord scan = scans.get(scanId);
            if (scan == null) {
                scan = new ScanRecord(scanId);
                scans.put(scanId, scan);
                lastScanId = scanId;
                if (scans.size() > KEPT_SCANS) {
                    scans.remove(scans.keySet().iterator().next());
                }
            }
            return scan;
        }
    }

    /**
     * The scan of that number, or the newest scan for a number ≤ 0.
     *
     * @throws DapProblem saying why there is none
     */
    ScanRecord scan(long number) {
        if (number <= 0) {
            String last = lastScanId;
            if (last != null) {
                return byId(last);
            }
        } else {
            synchronized (scans) {
                for (ScanRecord s : scans.values()) {
                    if (s.scanNumber() == number) {
                        return s;
                    }
                }
            }
        }
        List<ScanHistoryMessage> history = new ArrayList<>();
        for (BusEvent e : bus.xrange(Endpoints.scanHistory(), "-", "+")) {
            if (e.value() instanceof ScanHistoryMessage h && (number <= 0 || h.scanNumber() == number)) {
                history.add(h);
            }
        }
        if (history.isEmpty()) {
            throw new DapProblem(number <= 0 ? "no scan yet" : "no scan " + number + " in the history");
        }
        ScanHistoryMessage found = history.get(history.size() - 1);
        try {
            return byId(found.scanId());
        } catch (DapProblem goneFromTheBus) {
            return ScanFileReader.read(found); // older than the bus keeps points: from its master file
        }
    }

    /** The scan of that id, from memory or from its public keys. @throws DapProblem if gone */
    ScanRecord byId(String scanId) {
        synchronized (scans) {
            ScanRecord known = scans.get(scanId);
            if (known != null) {
                return known;
            }
        }
        ScanRecord loaded = new ScanRecord(scanId);
        bus.get(Endpoints.publicScanInfo(scanId)).ifPresent(loaded::status);
        org.jbec.bus.api.PublicScanPoints.read(bus, scanId, Integer.MAX_VALUE).forEach(loaded::add);
        if (loaded.size() == 0) {
            throw new DapProblem("the data of scan " + scanId + " are no longer on the bus (kept 30 min after a scan)");
        }
        return loaded;
    }
}
