package org.jbec.dap.internal;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.ScanHistoryMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * A scan read back from its master file, for scans whose points are no longer on the bus (the public
 * keys last 30 minutes): every 1-D signal under {@code /entry/collection/devices/<device>/<signal>/value}
 * becomes a point reading, and the scan motor and monitored devices come from
 * {@code /entry/collection/metadata/bec} (scan_report_devices, readout_priority/monitored), as the
 * file writer stores them.
 */
final class ScanFileReader {

    private static final String DEVICES = "/entry/collection/devices";
    private static final String BEC = "/entry/collection/metadata/bec";

    private ScanFileReader() {
    }

    /** @throws DapProblem when the file is missing or not a jBEC/BEC master file */
    static ScanRecord read(ScanHistoryMessage history) {
        Path file = Path.of(history.filePath());
        if (!Files.isRegularFile(file)) {
            throw new DapProblem("scan " + history.scanNumber() + ": its points are no longer on the bus and its file "
                    + file + " is not there");
        }
        try (HdfFile hdf = new HdfFile(file)) {
            ScanRecord scan = new ScanRecord(history.scanId());
            scan.status(status(hdf, history));
            Map<Long, Map<String, Object>> points = new java.util.TreeMap<>();
            if (hdf.getByPath(DEVICES) instanceof Group devices) {
                for (Node device : devices.getChildren().values()) {
                    if (device instanceof Group signals) {
                        for (Node signal : signals.getChildren().values()) {
                            addSignal(points, device.getName(), signal);
                        }
                    }
                }
            }
            if (points.isEmpty()) {
                throw new DapProblem("scan " + history.scanNumber() + ": no point data in " + file);
            }
            points.forEach((id, data) -> scan.add(new ScanMessage(Map.of(), id, history.scanId(), data)));
            return scan;
        } catch (DapProblem e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DapProblem("scan " + history.scanNumber() + ": its file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static void addSignal(Map<Long, Map<String, Object>> points, String device, Node signal) {
        if (!(signal instanceof Group group) || !(group.getChild("value") instanceof Dataset values)
                || values.getDimensions().length != 1) {
            return;
        }
        Object data = values.getData();
        if (!data.getClass().isArray() || !Number.class.isAssignableFrom(boxed(data.getClass().getComponentType()))) {
            return;
        }
        double[] stamps = group.getChild("timestamp") instanceof Dataset t && t.getData() instanceof double[] d
                ? d : null;
        int n = Array.getLength(data);
        for (int i = 0; i < n; i++) {
            Map<String, Object> reading = new LinkedHashMap<>();
            reading.put("value", ((Number) Array.get(data, i)).doubleValue());
            reading.put("timestamp", stamps != null && i < stamps.length ? stamps[i] : 0.0);
            @SuppressWarnings("unchecked")
            Map<String, Object> deviceReadings = (Map<String, Object>) points
                    .computeIfAbsent((long) i, k -> new LinkedHashMap<>())
                    .computeIfAbsent(device, k -> new LinkedHashMap<String, Object>());
            deviceReadings.put(signal.getName(), reading);
        }
    }

    private static Class<?> boxed(Class<?> type) {
        if (type == double.class || type == float.class || type == long.class || type == int.class
                || type == short.class || type == byte.class) {
            return Number.class;
        }
        return type;
    }

    /** What the scan's status said, as far as the analysis needs it: motor and monitored devices. */
    private static ScanStatusMessage status(HdfFile hdf, ScanHistoryMessage history) {
        List<Object> report = new ArrayList<>(strings(hdf, BEC + "/scan_report_devices"));
        Map<String, Object> priority = new LinkedHashMap<>();
        priority.put("monitored", strings(hdf, BEC + "/readout_priority/monitored"));
        return new ScanStatusMessage(Map.of(), history.scanId(), history.exitStatus(), null, history.scanNumber(),
                null, history.numPoints(), history.numMonitoredReadouts(), history.scanName(), null,
                history.datasetNumber(), report, null, priority, Map.of(), Map.of(), Map.of(), history.endTime());
    }

    private static List<String> strings(HdfFile hdf, String path) {
        try {
            if (hdf.getByPath(path) instanceof Dataset d) {
                Object data = d.getData();
                if (data instanceof String s) {
                    return List.of(s);
                }
                if (data instanceof String[] many) {
                    return List.of(many);
                }
            }
        } catch (RuntimeException missing) {
            // an older file or another writer's: the analysis falls back to the devices in the points
        }
        return List.of();
    }
}
