package org.jbec.file.writer.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoint;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.FileMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.file.api.Column;
import org.jbec.file.api.Reading;
import org.jbec.file.api.ScanFile;

/**
 * Assembles what a format writes for a scan: its points, and what the bus holds of it at write
 * time — the public baseline, every device's latest {@code read_configuration}, the files devices
 * announced for the scan.
 */
final class ScanFiles {

    private ScanFiles() {
    }

    static ScanFile of(Connector bus, ScanCollector scan, ScanStatusMessage end, Map<String, Map<String, Column>> columns,
            Map<String, Map<String, Column>> async, WriterSettings settings) {
        String scanId = scan.open.scanId();
        Map<String, Map<String, Reading>> baseline = new LinkedHashMap<>();
        bus.get(Endpoints.publicScanBaseline(scanId)).ifPresent(b -> b.data().forEach((device, signals) ->
                baseline.put(device, readings(signals))));
        Map<String, Map<String, Reading>> configuration = new LinkedHashMap<>();
        for (String device : sessionDevices(bus)) {
            bus.get(Endpoints.deviceReadConfiguration(device)).map(DeviceMessage::signals)
                    .ifPresent(signals -> configuration.put(device, readings(signals)));
        }
        Path directory = scan.master.getParent();
        Map<String, String> files = new LinkedHashMap<>();
        for (String key : bus.keys(Endpoints.publicFile(scanId, "*"))) {
            String device = key.substring(key.lastIndexOf('/') + 1);
            if (!device.equals("master")) {
                bus.get(new Endpoint<>(key, FileMessage.class, Endpoints.publicFile(scanId, device).op()))
                        .ifPresent(f -> files.put(device, relative(directory, f.filePath())));
            }
        }
        Map<String, Object> userMetadata = end.userMetadata() == null ? Map.of() : end.userMetadata();
        List<String> report = end.scanReportDevices() == null ? List.of()
                : end.scanReportDevices().stream().map(String::valueOf).toList();
        return new ScanFile(scanId, orZero(end.scanNumber()), orZero(end.datasetNumber()),
                end.scanName() == null ? "" : end.scanName(), end.status(), end.reason(), scan.openedAt,
                scan.endedAt(), orZero(end.numPoints()), orZero(end.numMonitoredReadouts()), scan.pointsArrived(),
                report, end.info(), userMetadata, columns, async, baseline, configuration, files, Map.of(),
                settings.programVersion(), directory);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String relative(Path directory, String file) {
        try {
            return directory.relativize(Path.of(file)).toString();
        } catch (IllegalArgumentException e) {
            return file;
        }
    }

    private static Map<String, Reading> readings(Object signals) {
        Map<String, Reading> out = new LinkedHashMap<>();
        if (signals instanceof Map<?, ?> map) {
            map.forEach((signal, reading) -> {
                if (reading instanceof Map<?, ?> r) {
                    out.put(String.valueOf(signal), new Reading(r.get("value"),
                            r.get("timestamp") instanceof Number t ? t.doubleValue() : 0));
                }
            });
        }
        return out;
    }

    private static List<String> sessionDevices(Connector bus) {
        Object session = bus.get(Endpoints.deviceConfig()).map(AvailableResourceMessage::resource).orElse(List.of());
        if (!(session instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(d -> d instanceof Map<?, ?> m && m.get("name") instanceof String
                && !Boolean.FALSE.equals(m.get("enabled"))).map(d -> (String) ((Map<?, ?>) d).get("name")).toList();
    }
}
