package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.scan.api.ScanRequest;

/**
 * Which devices a scan reads how (bec-behaviour.md §1.4, §5.1): the session's readout priorities,
 * changed by the request's {@code monitored} / {@code on_request} overrides, with the scan report
 * devices (the motors) read at every point. Baseline devices that became monitored are read only as
 * monitored.
 */
final class ScanReadout {

    private final SessionDevices session;
    /** The session's software-triggered devices, looked up once per scan rather than at every point. */
    private final List<String> softwareTriggered;
    private final Set<String> monitored = new LinkedHashSet<>();
    private final Set<String> onRequest = new LinkedHashSet<>();
    private final List<String> reportDevices = new ArrayList<>();
    private volatile List<String> monitoredList = List.of();
    private volatile List<String> baselineList = List.of();

    ScanReadout(SessionDevices session, ScanRequest request) {
        this.session = session;
        this.softwareTriggered = session.softwareTriggered();
        onRequest.addAll(session.enabledWithPriority("on_request"));
        names(request.kwargs().get("on_request")).forEach(onRequest::add);
        monitored.addAll(session.enabledWithPriority("monitored"));
        names(request.kwargs().get("monitored")).forEach(monitored::add);
        monitored.removeAll(onRequest);
        refresh();
    }

    private static List<String> names(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(o -> names.add(String.valueOf(o)));
        } else if (value instanceof String s && !s.isEmpty()) {
            names.add(s);
        }
        return names;
    }

    synchronized void reportDevices(List<String> devices) {
        reportDevices.clear();
        reportDevices.addAll(devices);
        // the motors come first in the monitored set, as BEC adds them at construction
        Set<String> ordered = new LinkedHashSet<>(devices);
        ordered.addAll(monitored);
        monitored.clear();
        monitored.addAll(ordered);
        refresh();
    }

    private void refresh() {
        monitoredList = List.copyOf(monitored);
        List<String> baseline = new ArrayList<>(session.enabledWithPriority("baseline"));
        baseline.removeAll(monitored);
        baseline.removeAll(onRequest);
        baselineList = List.copyOf(baseline);
    }

    List<String> reportDevices() {
        synchronized (this) {
            return List.copyOf(reportDevices);
        }
    }

    List<String> monitored() {
        return monitoredList;
    }

    List<String> baseline() {
        return baselineList;
    }

    /** BEC's readout_priority map of the scan status and request block. */
    Map<String, Object> priorities() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("monitored", monitoredList);
        p.put("baseline", baselineList);
        p.put("on_request", List.copyOf(onRequest));
        p.put("async", session.enabledWithPriority("async"));
        p.put("continuous", session.enabledWithPriority("continuous"));
        return p;
    }

    /** What a scan owns from the start: software-triggered and async devices, not on_request ones. */
    List<String> initialLocks() {
        Set<String> locks = new LinkedHashSet<>(session.softwareTriggered());
        locks.addAll(session.enabledWithPriority("async"));
        locks.removeAll(onRequest);
        return new ArrayList<>(locks);
    }

    /** Whether the session has software-triggered devices at all. */
    boolean anyTriggered() {
        return !softwareTriggered.isEmpty();
    }

    /** Software-triggered devices among those owned. */
    List<String> triggered(Set<String> owned) {
        List<String> out = new ArrayList<>();
        for (String d : softwareTriggered) {
            if (owned.contains(d) && !onRequest.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Owned enabled devices, not on_request: what pre_scan, complete and unstage address (BEC's "all devices"). */
    List<String> ownedEnabled(Set<String> owned) {
        List<String> out = new ArrayList<>();
        for (String d : owned) {
            SessionDevices.Entry e = session.get(d);
            if (e != null && e.enabled() && !onRequest.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Owned async devices (not on_request). */
    List<String> asyncOwned(Set<String> owned) {
        List<String> out = new ArrayList<>();
        for (String d : session.enabledWithPriority("async")) {
            if (owned.contains(d) && !onRequest.contains(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** Owned enabled devices staged together: not async (staged one by one), on_request or continuous. */
    List<String> stageable(Set<String> owned) {
        List<String> out = new ArrayList<>();
        for (String d : owned) {
            SessionDevices.Entry e = session.get(d);
            if (e != null && e.enabled() && !onRequest.contains(d) && !"async".equals(e.readoutPriority())
                    && !"continuous".equals(e.readoutPriority())) {
                out.add(d);
            }
        }
        return out;
    }
}
