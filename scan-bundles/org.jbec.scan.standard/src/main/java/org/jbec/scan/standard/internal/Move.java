package org.jbec.scan.standard.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanRequest;

/**
 * mv and umv (bec-behaviour.md §4.1, §4.2): not scans, so the worker calls only prepare and core.
 * mv starts the sets and the queue item ends at once; umv registers a readback report instruction,
 * so the client shows the motors moving, and waits for them.
 */
final class Move implements Scan {

    private final List<String> devices = new ArrayList<>();
    private final List<Double> given = new ArrayList<>();
    private final boolean relative;
    private final boolean updated;
    private final Object rid;
    private final Map<String, Double> targets = new LinkedHashMap<>();

    /** @param updated umv (report and wait) rather than mv */
    Move(ScanRequest request, boolean updated) {
        int n = request.args().size();
        if (n == 0 || n % 2 != 0) {
            throw StepScans.error(request, "arguments come in (device, target) pairs, " + n + " given");
        }
        for (int i = 0; i < n; i += 2) {
            devices.add(request.device(i));
            given.add(request.number(i + 1));
        }
        this.relative = request.flag("relative");
        this.updated = updated;
        this.rid = request.metadata().get("RID");
    }

    @Override
    public void prepare(ScanContext scan) {
        // umv reports where the motors start from; mv needs the readbacks only to add them
        List<Double> current = new ArrayList<>();
        if (relative || updated) {
            devices.forEach(d -> current.add(scan.position(d)));
        }
        for (int k = 0; k < devices.size(); k++) {
            targets.put(devices.get(k), given.get(k) + (relative ? current.get(k) : 0));
        }
        // all targets before anything is reported or moved
        targets.forEach(scan::checkLimits);
        if (updated) {
            Map<String, Object> readback = new LinkedHashMap<>();
            readback.put("RID", rid);
            readback.put("devices", List.copyOf(devices));
            readback.put("start", current);
            readback.put("end", new ArrayList<>(targets.values()));
            scan.reportInstruction(Map.of("readback", readback));
        }
    }

    @Override
    public void core(ScanContext scan) {
        // response: true asks the device server for request-status entries, as BEC's mv and umv do
        InstructionStatus moving = scan.move(targets, true);
        if (updated) {
            moving.await();
        }
    }
}
