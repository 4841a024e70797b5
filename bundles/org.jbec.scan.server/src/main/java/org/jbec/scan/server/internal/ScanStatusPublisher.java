package org.jbec.scan.server.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.NotificationMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.scan.api.ScanDescription;

/**
 * A scan's status messages (bec-protocol.md §5.1 steps 8 and 10): {@code open} with the planned
 * points, {@code paused}, and the end ({@code closed} with the readouts issued, or
 * aborted/halted/user_completed with a reason), each as the public scan info (no TTL while open),
 * the scan status and a notification, in one MULTI/EXEC.
 */
final class ScanStatusPublisher {

    private static final Duration PUBLIC_TTL = Duration.ofSeconds(1800);

    private final Connector bus;
    private final ScanDescription description;
    private volatile long numPoints;
    private volatile long plannedReadouts;
    private volatile boolean opened;

    ScanStatusPublisher(Connector bus, ScanDescription description) {
        this.bus = bus;
        this.description = description;
    }

    void plan(long points, long readouts) {
        numPoints = points;
        plannedReadouts = readouts;
    }

    boolean opened() {
        return opened;
    }

    void open(ScanRun run) {
        opened = true;
        publish(message(run, "open", null, plannedReadouts), null, "new_scan");
    }

    void paused(ScanRun run) {
        if (opened) {
            publish(message(run, "paused", null, plannedReadouts), null, null);
        }
    }

    void close(ScanRun run) {
        publish(message(run, "closed", null, run.readouts()), PUBLIC_TTL, "scan_completed");
        opened = false;
    }

    /** The end of a scan that was stopped or failed; nothing when it never opened. */
    void stopped(ScanRun run, ItemExit exit) {
        if (opened) {
            publish(message(run, exit.scanStatus, exit.reason, run.readouts()), PUBLIC_TTL, "scan_completed");
            opened = false;
        }
    }

    private void publish(ScanStatusMessage message, Duration publicTtl, String notification) {
        var batch = bus.batch();
        batch.set(Endpoints.publicScanInfo(message.scanId()), message, publicTtl);
        batch.setAndPublish(Endpoints.scanStatus(), message);
        if (notification != null) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("type", "text");
            content.put("content", "Scan " + message.scanNumber() + " " + message.status());
            batch.send(Endpoints.notification(notification), new NotificationMessage(
                    Map.of("scan_id", message.scanId()), notification, List.of(content)));
        }
        batch.execute();
    }

    private ScanStatusMessage message(ScanRun run, String status, String reason, long readouts) {
        QueueItem item = run.item;
        Map<String, Object> priorities = run.readout.priorities();
        Map<String, Object> userMetadata = item.request.metadata().get("user_metadata") instanceof Map<?, ?> m
                ? stringKeys(m) : Map.of();
        Map<String, Object> parameters = new LinkedHashMap<>(run.request.kwargs());
        parameters.remove("metadata");
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("arg_bundle", description.bundled() ? run.request.args() : List.of());
        inputs.put("inputs", description.bundled() ? Map.of() : positional(run));
        inputs.put("kwargs", run.request.kwargs());
        Map<String, Object> info = new LinkedHashMap<>(item.scanMetadata());
        info.put("scan_number", item.scanNumber);
        info.put("dataset_number", item.datasetNumber);
        info.put("scan_name", description.name());
        info.put("scan_type", "software_triggered");
        info.put("num_points", numPoints);
        info.put("num_monitored_readouts", readouts);
        info.put("readout_priority", priorities);
        info.put("scan_report_devices", run.readout.reportDevices());
        info.put("monitor_sync", "bec");
        info.put("user_metadata", userMetadata);
        info.put("scan_parameters", parameters);
        info.put("request_inputs", inputs);
        return new ScanStatusMessage(item.scanMetadata(), item.scanId, status, reason, item.scanNumber, null,
                numPoints, readouts, description.name(), "software_triggered", item.datasetNumber,
                List.copyOf(run.readout.reportDevices()), userMetadata, priorities, parameters, inputs, info,
                System.currentTimeMillis() / 1000.0);
    }

    private Map<String, Object> positional(ScanRun run) {
        Map<String, Object> named = new LinkedHashMap<>();
        var positional = description.signature().stream()
                .filter(p -> p.kind() == org.jbec.scan.api.ScanParameter.Kind.POSITIONAL_OR_KEYWORD
                        && !p.hasDefault())
                .toList();
        for (int i = 0; i < positional.size() && i < run.request.args().size(); i++) {
            named.put(positional.get(i).name(), run.request.args().get(i));
        }
        return named;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }
}
