package org.jbec.file.writer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.bus.api.message.FileContentMessage;
import org.jbec.bus.api.message.FileMessage;
import org.jbec.bus.api.message.ScanHistoryMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.file.api.Column;
import org.jbec.file.api.FileFormat;
import org.jbec.file.api.ScanFile;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one scan's master file with BEC's message sequence (bec-behaviour.md §8.2 step 5):
 * master-file announcement, file content, the data to {@code …_master.tmp}, the rename to {@code .h5}
 * (also after a failure), the final announcement with {@code successful}, and the scan history entry.
 * A failure raises a MINOR alarm naming the file and the cause; the service goes on.
 */
final class MasterFileWriter {

    private final Logger logger = LoggerFactory.getLogger(MasterFileWriter.class);
    private final Connector bus;
    private final Alarms alarms;
    private final WriterSettings settings;
    private final Map<String, FileFormat> formats;

    MasterFileWriter(Connector bus, Alarms alarms, WriterSettings settings, Map<String, FileFormat> formats) {
        this.bus = bus;
        this.alarms = alarms;
        this.settings = settings;
        this.formats = formats;
    }

    /** A collector for a scan that opened, with its file named now (naming problems are kept for the write). */
    ScanCollector collector(ScanStatusMessage open) {
        Map<String, Object> info = open.info();
        try {
            Path base = FileNames.base(settings.basePath(), account());
            Path master = FileNames.master(base, open.scanNumber() == null ? 0 : open.scanNumber(),
                    text(info.get("file_suffix")), text(info.get("file_directory")));
            return new ScanCollector(open, master, null, settings.partBoundBytes());
        } catch (IllegalArgumentException e) {
            return new ScanCollector(open, null, e.getMessage(), settings.partBoundBytes());
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private String account() {
        for (BusEvent e : bus.lastEntries(Endpoints.account(), 1)) {
            for (Object m : e.messages()) {
                if (m instanceof VariableMessage v && v.value() != null) {
                    return String.valueOf(v.value());
                }
            }
        }
        return "";
    }

    void write(ScanCollector scan) {
        ScanStatusMessage end = scan.end();
        String scanId = scan.open.scanId();
        boolean successful = false;
        String path = scan.master == null ? "" : scan.master.toString();
        Map<String, Map<String, Column>> columns = Map.of();
        try {
            if (scan.master == null) {
                throw new IOException("no file for scan " + scan.open.scanNumber() + ": " + scan.namingProblem);
            }
            FileFormat format = format();
            announce(scanId, path, false, false, true);
            bus.setAndPublish(Endpoints.fileContent(), new FileContentMessage(null, path,
                    Map.of("points", scan.pointsArrived()), end.info()), Duration.ofSeconds(3600));
            Files.createDirectories(scan.master.getParent());
            Path tmp = scan.master.resolveSibling(scan.master.getFileName().toString().replace(".h5", ".tmp"));
            try {
                columns = scan.columns();
                Map<String, Map<String, Column>> async = asyncData(scan, end);
                format.write(ScanFiles.of(bus, scan, end, columns, async, settings), tmp);
                columns = new LinkedHashMap<>(columns);
                columns.putAll(async);
                successful = true;
            } finally {
                if (Files.exists(tmp)) {
                    Files.move(tmp, scan.master, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | RuntimeException e) {
            logger.warn("File of scan {} not written: {}", scan.open.scanNumber(), e.toString(), e);
            alarms.raise(AlarmSeverity.MINOR, new ErrorInfo(UUID.randomUUID().toString(),
                    "The file of scan " + scan.open.scanNumber() + " (" + path + ") was not written: " + e,
                    "File of scan " + scan.open.scanNumber() + " not written: " + e.getMessage(), "FileWriterError",
                    null), alarmContext(scanId, scan.open.scanNumber()));
        }
        if (scan.master != null) {
            announce(scanId, path, true, successful, false);
        }
        history(scan, end, path, successful, columns);
    }

    /** Stops following the async streams and reads what they got since (BEC's final non-blocking read). */
    private Map<String, Map<String, Column>> asyncData(ScanCollector scan, ScanStatusMessage end) throws IOException {
        scan.stopFollowingAsync();
        Object devices = end.readoutPriority() == null ? null : end.readoutPriority().get("async");
        if (devices instanceof List<?> list) {
            for (Object device : list) {
                String name = String.valueOf(device);
                String after = scan.lastAsyncEntry(name);
                for (BusEvent e : bus.xrange(Endpoints.deviceAsyncReadback(scan.open.scanId(), name),
                        after == null ? "-" : "(" + after, "+")) {
                    if (e.value() instanceof org.jbec.bus.api.message.DeviceMessage m) {
                        scan.addAsync(name, e.id(), m);
                    }
                }
            }
        }
        return scan.asyncColumns();
    }

    private FileFormat format() throws IOException {
        FileFormat chosen = formats.get(settings.plugin());
        if (chosen == null && formats.size() == 1) {
            chosen = formats.values().iterator().next(); // BEC: a single plugin is used whatever its name
        }
        if (chosen == null) {
            throw new IOException("file format '" + settings.plugin() + "' is not installed (installed: "
                    + formats.keySet() + ")");
        }
        return chosen;
    }

    private void announce(String scanId, String path, boolean done, boolean successful, boolean masterFile) {
        try {
            bus.setAndPublish(Endpoints.publicFile(scanId, "master"), new FileMessage(null, path, done, successful,
                    masterFile, null, "h5", Map.of()), Duration.ofSeconds(3600));
        } catch (RuntimeException e) {
            logger.warn("file event of scan {} not published: {}", scanId, e.toString());
        }
    }

    private void history(ScanCollector scan, ScanStatusMessage end, String path, boolean successful,
            Map<String, Map<String, Column>> columns) {
        Map<String, Map<String, org.jbec.bus.api.message.StoredDataInfo>> stored = new LinkedHashMap<>();
        columns.forEach((device, signals) -> {
            Map<String, org.jbec.bus.api.message.StoredDataInfo> s = new LinkedHashMap<>();
            signals.forEach((signal, column) -> {
                List<Object> shape = new ArrayList<>();
                shape.add((long) column.timestamps().length);
                column.shape().forEach(d -> shape.add((long) d));
                s.put(signal, new org.jbec.bus.api.message.StoredDataInfo(shape, column.dtype()));
            });
            stored.put(device, s);
        });
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("successful", successful);
        try {
            bus.xadd(Endpoints.scanHistory(), new ScanHistoryMessage(metadata, end.scanId(),
                    end.scanNumber() == null ? 0L : end.scanNumber(),
                    end.datasetNumber() == null ? 0L : end.datasetNumber(), path, end.status(), end.reason(),
                    scan.openedAt, scan.endedAt(), end.scanName() == null ? "" : end.scanName(),
                    end.numPoints(), end.numMonitoredReadouts(), end.requestInputs(), stored), Limits.maxLength(10_000));
        } catch (RuntimeException e) {
            logger.warn("history entry of scan {} not written: {}", end.scanNumber(), e.toString());
        }
    }

    /** The alarm's context; a scan without a number (a client may send that) leaves it out. */
    static Map<String, Object> alarmContext(String scanId, Long scanNumber) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("scan_id", scanId);
        if (scanNumber != null) {
            context.put("scan_number", scanNumber);
        }
        return context;
    }
}
