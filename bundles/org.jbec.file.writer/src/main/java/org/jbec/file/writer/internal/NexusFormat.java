package org.jbec.file.writer.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jbec.file.api.Column;
import org.jbec.file.api.FileFormat;
import org.jbec.file.api.Reading;
import org.jbec.file.api.ScanFile;
import org.osgi.service.component.annotations.Component;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/**
 * BEC's default NeXus layout (bec-behaviour.md §8.3) written with jHDF. Where BEC links (readout
 * groups, NXdata, file references), jHDF can write no links: readout groups list their device names,
 * NXdata holds copies of the scalar columns it plots (small: 8 bytes a point; arrays are never copied),
 * file references hold the referenced path as text.
 */
@Component(property = FileFormat.NAME + "=" + NexusFormat.NAME)
public final class NexusFormat implements FileFormat {

    static final String NAME = "default_NeXus_format";
    private static final java.util.Set<String> LAYOUT = java.util.Set.of("collection", "control", "data", "sample",
            "instrument", "start_time", "end_time", "title", "entry_identifier_uuid", "program_name");
    private final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(NexusFormat.class);
    private final List<org.jbec.file.api.NexusContribution> contributions = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Plugins' groups under /entry (whiteboard). */
    @org.osgi.service.component.annotations.Reference(cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC)
    void addContribution(org.jbec.file.api.NexusContribution contribution) {
        contributions.add(contribution);
    }

    void removeContribution(org.jbec.file.api.NexusContribution contribution) {
        contributions.remove(contribution);
    }

    @Override
    public void write(ScanFile scan, Path target) throws IOException {
        try (WritableHdfFile file = HdfFile.write(target)) {
            WritableGroup entry = Hdf.group(file, "entry", "NXentry");
            String start = iso(scan.startTime());
            String end = iso(scan.endTime());
            entry.putAttribute("start_time", start);
            entry.putAttribute("end_time", end);
            entry.putAttribute("version", "1.0");
            entry.putDataset("start_time", start);
            entry.putDataset("end_time", end);
            Hdf.put(entry, "title", scan.userMetadata().get("title"));
            entry.putDataset("entry_identifier_uuid", scan.scanId()).putAttribute("description", "scan_id");
            // the program that wrote the file; BEC's readers look for program_name
            var program = entry.putDataset("program_name", "jBEC");
            program.putAttribute("version", scan.programVersion());
            program.putAttribute("compatible_with", "BEC");
            collection(Hdf.group(entry, "collection", "NXcollection"), scan);
            Hdf.group(entry, "control", "NXmonitor").putDataset("mode", "monitor");
            data(Hdf.group(entry, "data", "NXdata"), scan);
            sample(entry, scan);
            WritableGroup source = Hdf.group(Hdf.group(entry, "instrument", "NXinstrument"), "source", "NXsource");
            source.putDataset("type", scan.instrument().getOrDefault("source_type", "Synchrotron X-ray Source"));
            source.putDataset("name", scan.instrument().getOrDefault("source_name", "Swiss Light Source"));
            source.putDataset("probe", scan.instrument().getOrDefault("source_probe", "x-ray"));
            contribute(entry, scan);
            Hdf.fillEmptyGroups(file);
        } catch (RuntimeException e) {
            throw new IOException("jHDF could not write " + target + ": " + e, e);
        }
    }

    private void contribute(WritableGroup entry, ScanFile scan) {
        for (org.jbec.file.api.NexusContribution c : contributions) {
            try {
                if (LAYOUT.contains(c.group())) {
                    logger.warn("NeXus contribution '{}' skipped: the layout owns that group", c.group());
                    continue;
                }
                Map<String, Object> content = c.content(scan);
                WritableGroup g = Hdf.group(entry, c.group(), c.nxClass());
                content.forEach((k, v) -> Hdf.put(g, k, v));
            } catch (RuntimeException e) {
                logger.warn("NeXus contribution {} skipped: {}", c.getClass().getName(), e.toString());
            }
        }
    }

    private static String iso(double epochSeconds) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                Instant.ofEpochMilli(Math.round(epochSeconds * 1000)).atZone(ZoneId.systemDefault()));
    }

    private static void collection(WritableGroup collection, ScanFile scan) {
        WritableGroup devices = Hdf.group(collection, "devices", "NXcollection");
        Map<String, WritableGroup> deviceGroups = new java.util.LinkedHashMap<>();
        scan.monitored().forEach((device, signals) -> {
            WritableGroup d = deviceGroups.computeIfAbsent(device, n -> devices.putGroup(Hdf.safe(n)));
            signals.forEach((signal, column) -> column(d, device, signal, column, scan.masterDirectory(), false));
        });
        // async signals: every signal group is NXdata with signal "value", as BEC's async writer makes it
        scan.async().forEach((device, signals) -> {
            WritableGroup d = deviceGroups.computeIfAbsent(device, n -> devices.putGroup(Hdf.safe(n)));
            signals.forEach((signal, column) -> column(d, device, signal, column, scan.masterDirectory(), true));
        });
        scan.baseline().forEach((device, signals) -> readings(devices, device, signals));
        WritableGroup metadata = Hdf.group(collection, "metadata", "NXcollection");
        Hdf.put(metadata, "bec", scan.info());
        Hdf.put(metadata, "start_time", iso(scan.startTime()));
        Hdf.put(metadata, "end_time", iso(scan.endTime()));
        scan.userMetadata().forEach((k, v) -> Hdf.put(metadata, k, v));
        WritableGroup groups = Hdf.group(collection, "readout_groups", "NXcollection");
        readoutGroup(groups, "monitored", new ArrayList<>(scan.monitored().keySet()));
        readoutGroup(groups, "baseline", new ArrayList<>(scan.baseline().keySet()));
        readoutGroup(groups, "async", new ArrayList<>(scan.async().keySet()));
        WritableGroup configuration = Hdf.group(collection, "configuration", "NXcollection");
        scan.configuration().forEach((device, signals) -> readings(configuration, device, signals));
        WritableGroup references = Hdf.group(collection, "file_references", "NXcollection");
        scan.deviceFiles().forEach((device, path) -> references.putGroup(Hdf.safe(device)).putDataset("file", path));
    }

    /** BEC links the devices here; the group lists them and says where their data is. */
    private static void readoutGroup(WritableGroup groups, String name, List<String> devices) {
        WritableGroup g = Hdf.group(groups, name, "NXcollection");
        g.putAttribute("devices_in", "/entry/collection/devices");
        if (!devices.isEmpty()) {
            g.putDataset("devices", devices.toArray(String[]::new));
        }
    }

    private static void column(WritableGroup device, String deviceName, String signal, Column column, Path master,
            boolean async) {
        WritableGroup g = device.putGroup(Hdf.safe(signal));
        if (async || signal.equals(deviceName)) {
            g.putAttribute("NX_class", "NXdata");
            g.putAttribute("signal", "value");
        }
        if (!column.parts().isEmpty()) {
            // the values live in part files; readers concatenate their "value" datasets in this order
            g.putDataset("parts", column.parts().stream().map(p -> relative(master, p.file())).toArray(String[]::new));
            g.putDataset("part_points", column.parts().stream().mapToLong(p -> p.points()).toArray());
            g.putAttribute("dtype", column.dtype());
        } else if (column.values() != null && Array.getLength(column.values()) > 0) {
            Hdf.putArray(g, "value", column.values(), column.dtype());
        }
        if (column.timestamps().length > 0) {
            g.putDataset("timestamp", column.timestamps());
        }
    }

    private static String relative(Path master, Path file) {
        return master == null ? file.toString() : master.relativize(file).toString();
    }

    private static void readings(WritableGroup parent, String device, Map<String, Reading> signals) {
        WritableGroup d = parent.putGroup(Hdf.safe(device));
        signals.forEach((signal, reading) -> {
            if (reading.value() == null) {
                return;
            }
            WritableGroup g = d.putGroup(Hdf.safe(signal));
            if (signal.equals(device)) {
                g.putAttribute("NX_class", "NXdata");
                g.putAttribute("signal", "value");
            }
            Hdf.put(g, "value", reading.value());
            g.putDataset("timestamp", reading.timestamp());
        });
    }

    /**
     * The scan's main plot: the first scan report device on the axis, the first monitored scalar
     * detector as the signal, the other scalar detectors as auxiliary signals (copies of the scalar
     * columns: jHDF writes no links).
     */
    private static void data(WritableGroup data, ScanFile scan) {
        List<String> axes = new ArrayList<>();
        List<String> signals = new ArrayList<>();
        scan.monitored().forEach((device, columns) -> {
            Column main = columns.get(device);
            if (main == null || main.values() == null || !main.shape().isEmpty() || Array.getLength(main.values()) == 0
                    || main.values() instanceof String[]) {
                return;
            }
            data.putDataset(Hdf.safe(device), main.values());
            (scan.reportDevices().contains(device) ? axes : signals).add(Hdf.safe(device));
        });
        if (!signals.isEmpty()) {
            data.putAttribute("signal", signals.get(0));
            if (signals.size() > 1) {
                data.putAttribute("auxiliary_signals", signals.subList(1, signals.size()).toArray(String[]::new));
            }
        } else if (!axes.isEmpty()) {
            data.putAttribute("signal", axes.get(0));
        }
        if (!axes.isEmpty() && !signals.isEmpty()) {
            data.putAttribute("axes", new String[] {axes.get(0)});
        }
    }

    private static void sample(WritableGroup entry, ScanFile scan) {
        Object name = baselineValue(scan, "samplename");
        Object description = baselineValue(scan, "sample_description");
        if (name != null || description != null) {
            WritableGroup sample = Hdf.group(entry, "sample", "NXsample");
            Hdf.put(sample, "name", name);
            Hdf.put(sample, "description", description);
        }
    }

    private static Object baselineValue(ScanFile scan, String device) {
        Map<String, Reading> signals = scan.baseline().get(device);
        Reading r = signals == null ? null : signals.get(device);
        return r == null ? null : r.value();
    }
}
