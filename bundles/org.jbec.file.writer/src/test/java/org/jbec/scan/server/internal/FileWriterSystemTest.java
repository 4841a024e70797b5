package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.BundleMessage;
import org.jbec.bus.api.message.FileMessage;
import org.jbec.bus.api.message.ScanBaselineMessage;
import org.jbec.bus.api.message.ScanHistoryMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.file.writer.internal.FileWriterHandle;
import org.jbec.file.writer.internal.H5Tree;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scans run through every service and their files read back with h5py. */
class FileWriterSystemTest {

    @TempDir
    Path data;
    private PrivateRedis redis;
    private ScanSystem system;
    private FileWriterHandle writer;

    /** The scan system's session plus an asynchronous monitor (BEC's SimMonitorAsync, extend mode). */
    static final String SESSION = ScanSystem.SESSION + """
            monitor_async: {readoutPriority: async, deviceClass: ophyd_devices.SimMonitorAsync, enabled: true,
                            softwareTrigger: true, deviceConfig: {ref_motor: samx, async_update: extend}}
            """;

    @BeforeEach
    void start() throws Exception {
        redis = PrivateRedis.start();
        system = new ScanSystem(redis, SESSION);
    }

    private void writeTo(Path base) throws InterruptedException {
        writer = new FileWriterHandle(system.bus, system.alarmPublisher, system.lifecycle, base, 256L << 20);
        Await.until("file writer running", writer::running);
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
        system.close();
        redis.close();
    }

    private ScanHistoryMessage history(String scanId) throws InterruptedException {
        Await.until("history entry of " + scanId, () -> historyOf(scanId) != null);
        return historyOf(scanId);
    }

    private ScanHistoryMessage historyOf(String scanId) {
        for (BusEvent e : system.bus.xrange(Endpoints.scanHistory(), "-", "+")) {
            if (e.value() instanceof ScanHistoryMessage h && h.scanId().equals(scanId)) {
                return h;
            }
        }
        return null;
    }

    @Test
    void aLineScanFileHasBecsLayoutAndEveryPoint() throws Exception {
        writeTo(data);
        String rid = system.submit("line_scan", Map.of("samx", List.of(-5.0, 5.0)), Map.of("steps", 11, "relative", false),
                "primary", Map.of("user_metadata", Map.of("sample_name", "Probe α — 温度", "title", "first light")));
        ScanStatusMessage closed = system.awaitStatus(rid, "closed");
        ScanHistoryMessage entry = history(closed.scanId());
        Path file = data.resolve("S00000-00999/S00001/S00001_master.h5");
        assertEquals(file.toString(), entry.filePath());
        assertEquals("closed", entry.exitStatus());
        assertEquals(Boolean.TRUE, entry.metadata().get("successful"));
        FileMessage done = system.bus.get(Endpoints.publicFile(closed.scanId(), "master")).orElseThrow();
        assertTrue(done.done() && done.successful(), done.toString());

        H5Tree h5 = H5Tree.read(file);
        assertEquals("NXentry", h5.attr("/entry", "NX_class"));
        String samx = "/entry/collection/devices/samx/samx/value";
        assertEquals(List.of(11), h5.shape(samx));
        assertEquals("float64", h5.dtype(samx));
        List<?> values = (List<?>) h5.value(samx);
        for (int i = 0; i < 11; i++) {
            assertEquals(-5.0 + i, ((Number) values.get(i)).doubleValue(), 1e-9, "samx at point " + i);
        }
        assertEquals(List.of(11), h5.shape("/entry/collection/devices/samx/samx/timestamp"));
        assertEquals(List.of(11), h5.shape("/entry/collection/devices/bpm4i/bpm4i/value"));
        assertEquals("NXdata", h5.attr("/entry/collection/devices/samx/samx", "NX_class"));
        // baseline devices: one value each
        assertEquals(List.of(), h5.shape("/entry/collection/devices/samy/samy/value"));
        // the main plot: detector over motor
        assertEquals("NXdata", h5.attr("/entry/data", "NX_class"));
        assertEquals("bpm4i", h5.attr("/entry/data", "signal"));
        assertEquals(List.of("samx"), h5.attr("/entry/data", "axes"));
        assertEquals(values, h5.value("/entry/data/samx"));
        assertEquals("NXsource", h5.attr("/entry/instrument/source", "NX_class"));
        assertEquals("Probe α — 温度", h5.value("/entry/collection/metadata/sample_name"));
        assertEquals("first light", h5.value("/entry/title"));
        assertEquals(1, ((Number) h5.value("/entry/collection/metadata/bec/scan_number")).intValue());
        assertEquals(closed.scanId(), h5.value("/entry/entry_identifier_uuid"));
        assertTrue(h5.has("/entry/collection/configuration/samx/samx_velocity/value"));
        assertEquals(List.of("samx", "bpm4i", "bpm3a"), h5.value("/entry/collection/readout_groups/monitored/devices"));
        assertEquals(List.of(11L), entry.storedDataInfo().get("samx").get("samx").shape());
        // the async monitor: one value per trigger, appended as they came, NXdata with signal "value"
        String async = "/entry/collection/devices/monitor_async/monitor_async";
        assertEquals("NXdata", h5.attr(async, "NX_class"));
        assertEquals("value", h5.attr(async, "signal"));
        assertEquals(List.of(11), h5.shape(async + "/value"));
        assertEquals(List.of(11), h5.shape(async + "/timestamp"));
        assertEquals(List.of("monitor_async"), h5.value("/entry/collection/readout_groups/async/devices"));
    }

    @Test
    void anAbortedScanIsWrittenAtOnceWithThePointsThatArrived() throws Exception {
        writeTo(data);
        String rid = system.slowScan("samx", 40, false, "primary");
        system.awaitPoints(rid, 5);
        system.modify("abort", "primary", Map.of());
        ScanStatusMessage aborted = system.awaitStatus(rid, "aborted");
        ScanHistoryMessage entry = history(aborted.scanId());
        assertEquals("aborted", entry.exitStatus());
        assertEquals("user", entry.reason());
        H5Tree h5 = H5Tree.read(Path.of(entry.filePath()));
        int points = ((Number) h5.shape("/entry/collection/devices/samx/samx/value").get(0)).intValue();
        assertTrue(points >= 5 && points < 40, points + " points");
    }

    @Test
    void aSuffixNamesTheFolderAndFileAndADirectoryOutsideTheBaseIsRefused() throws Exception {
        writeTo(data);
        String rid = system.submit("acquire", List.of(), Map.of(), "primary", Map.of("file_suffix", "sampleA"));
        ScanHistoryMessage entry = history(system.awaitStatus(rid, "closed").scanId());
        assertEquals(data.resolve("S00000-00999/S00001_sampleA/S00001_master_sampleA.h5").toString(), entry.filePath());
        assertTrue(Files.exists(Path.of(entry.filePath())));

        String escape = system.submit("acquire", List.of(), Map.of(), "primary", Map.of("file_directory", "../../escape"));
        ScanHistoryMessage refused = history(system.awaitStatus(escape, "closed").scanId());
        assertEquals(Boolean.FALSE, refused.metadata().get("successful"));
        Await.until("MINOR alarm naming file_directory", () -> !system.alarms(a -> a.severity() == 1
                && a.info().errorMessage().contains("file_directory")).isEmpty());
        assertFalse(Files.exists(data.getParent().resolve("escape")));
    }

    @Test
    void anUnwritableBasePathRaisesAMinorAlarmAndTheWriterGoesOn() throws Exception {
        Path notADirectory = Files.writeString(data.resolve("plain-file"), "x");
        writeTo(notADirectory);
        String first = system.submit("acquire", List.of(), Map.of(), "primary");
        ScanHistoryMessage entry = history(system.awaitStatus(first, "closed").scanId());
        assertEquals(Boolean.FALSE, entry.metadata().get("successful"));
        Await.until("MINOR alarm", () -> !system.alarms(a -> a.severity() == 1
                && a.info().exceptionType().equals("FileWriterError")).isEmpty());
        FileMessage done = system.bus.get(Endpoints.publicFile(entry.scanId(), "master")).orElseThrow();
        assertTrue(done.done() && !done.successful());
        String second = system.submit("acquire", List.of(), Map.of(), "primary");
        assertEquals(Boolean.FALSE, history(system.awaitStatus(second, "closed").scanId()).metadata().get("successful"));
        assertTrue(writer.running());
    }

    @Test
    void aScanFolderThatCannotBeMadeFailsThatScanOnlyAndTheNextIsWritten() throws Exception {
        writeTo(data);
        // a plain file where the scan folders go: the first scan's folder cannot be created
        Path blocker = Files.writeString(data.resolve("S00000-00999"), "not a folder");
        String first = system.lineScan("samx", -1, 1, 3, Map.of("exp_time", 0), "primary");
        ScanHistoryMessage refused = history(system.awaitStatus(first, "closed").scanId());
        assertEquals(Boolean.FALSE, refused.metadata().get("successful"));
        Await.until("MINOR alarm naming the file", () -> !system.alarms(a -> a.severity() == 1
                && a.info().exceptionType().equals("FileWriterError") && a.info().errorMessage().contains("S00001")).isEmpty());
        assertTrue(writer.running());

        Files.delete(blocker);
        String second = system.lineScan("samx", -1, 1, 3, Map.of("exp_time", 0), "primary");
        ScanHistoryMessage written = history(system.awaitStatus(second, "closed").scanId());
        assertEquals(Boolean.TRUE, written.metadata().get("successful"));
        Path file = data.resolve("S00000-00999/S00002/S00002_master.h5");
        assertEquals(file.toString(), written.filePath());
        assertEquals(List.of(3), H5Tree.read(file).shape("/entry/collection/devices/samx/samx/value"));
    }

    /** A closed line scan of one point over samx, with samy as its baseline device, published by hand. */
    private String handMadeScan(long number) {
        return handMadeScan(number, System.currentTimeMillis() / 1e3);
    }

    private String handMadeScan(long number, Double timestamp) {
        return handMadeScan("hand-made-" + number, number, timestamp);
    }

    /** {@code number} null: a scan without a number, as a client may send. */
    private String handMadeScan(String scanId, Long number, Double timestamp) {
        Map<String, Object> priorities = Map.of("monitored", List.of("samx"), "baseline", List.of("samy"),
                "on_request", List.of(), "async", List.of(), "continuous", List.of());
        ScanStatusMessage open = new ScanStatusMessage(null, scanId, "open", null, number, null, 1L, 0L, "line_scan",
                "step", number, List.of("samx"), null, priorities, Map.of(), Map.of(), info(number), timestamp);
        // as the scan server does: the writer follows only scans it has a record of
        system.bus.set(Endpoints.publicScanInfo(scanId), open, java.time.Duration.ofMinutes(30));
        system.bus.setAndPublish(Endpoints.scanStatus(), open);
        system.bus.send(Endpoints.scanSegment(), new BundleMessage(null, List.of(new ScanMessage(null, 0L, scanId,
                Map.of("samx", Map.of("samx", Map.of("value", 1.5, "timestamp", 1.7e9)))))));
        ScanStatusMessage closed = new ScanStatusMessage(null, scanId, "closed", null, number, null, 1L, 1L,
                "line_scan", "step", number, List.of("samx"), null, priorities, Map.of(), Map.of(), info(number),
                timestamp);
        system.bus.setAndPublish(Endpoints.scanStatus(), closed);
        return scanId;
    }

    private static Map<String, Object> info(Long number) {
        return number == null ? Map.of() : Map.of("scan_number", number);
    }

    private Path fileOf(long number) {
        return data.resolve(String.format("S00000-00999/S%05d/S%05d_master.h5", number, number));
    }

    @Test
    void aBaselineArrivingJustAfterTheScanClosedIsInTheFile() throws Exception {
        writeTo(data);
        String scanId = handMadeScan(901);
        // the bundler late with the baseline: it publishes from its own thread, after the scan closed
        Thread.sleep(300);
        ScanBaselineMessage baseline = new ScanBaselineMessage(null, scanId,
                Map.of("samy", Map.of("samy", Map.of("value", 2.25, "timestamp", 1.7e9))));
        system.bus.set(Endpoints.publicScanBaseline(scanId), baseline, java.time.Duration.ofMinutes(30));
        system.bus.setAndPublish(Endpoints.scanBaseline(), baseline);
        history(scanId);
        H5Tree h5 = H5Tree.read(fileOf(901));
        assertEquals(2.25, ((Number) h5.value("/entry/collection/devices/samy/samy/value")).doubleValue());
        assertEquals(List.of(1), h5.shape("/entry/collection/devices/samx/samx/value"));
    }

    @Test
    void aBaselineThatNeverArrivesLeavesTheFileWithoutItAfterABoundedWaitAndSaysSo() throws Exception {
        writeTo(data);
        long closedAt = System.nanoTime();
        String scanId = handMadeScan(902);
        history(scanId);
        double waited = (System.nanoTime() - closedAt) / 1e9;
        assertTrue(waited >= 4.5, "the file was written " + waited + " s after the scan closed");
        H5Tree h5 = H5Tree.read(fileOf(902));
        assertFalse(h5.has("/entry/collection/devices/samy/samy/value"));
        assertEquals(List.of(1), h5.shape("/entry/collection/devices/samx/samx/value"));
        Await.until("MINOR alarm naming the missing baseline", () -> !system.alarms(a -> a.severity() == 1
                && a.info().exceptionType().equals("FileWriterMissingBaseline")
                && a.info().errorMessage().contains("[samy]")).isEmpty());
    }

    /** A client's statuses without timestamps (nil; BEC would refuse them) still give a file, with arrival times. */
    @Test
    void aScanWhoseStatusesCarryNoTimestampIsStillWritten() throws Exception {
        writeTo(data);
        double before = System.currentTimeMillis() / 1e3;
        String scanId = handMadeScan(903, null);
        ScanBaselineMessage baseline = new ScanBaselineMessage(null, scanId,
                Map.of("samy", Map.of("samy", Map.of("value", 2.25, "timestamp", 1.7e9))));
        system.bus.set(Endpoints.publicScanBaseline(scanId), baseline, java.time.Duration.ofMinutes(30));
        ScanHistoryMessage entry = history(scanId);
        assertEquals(Boolean.TRUE, entry.metadata().get("successful"));
        assertTrue(entry.startTime() >= before - 1 && entry.endTime() >= entry.startTime(), entry.toString());
        assertEquals(List.of(1), H5Tree.read(fileOf(903)).shape("/entry/collection/devices/samx/samx/value"));
    }

    /**
     * A scan without a number (a client may send that; BEC's scan server never does) that hits the
     * bounded wait still gets its file and its alarm; the alarm leaves the number out.
     */
    @Test
    void aScanWithoutANumberWhoseBaselineNeverArrivesIsStillWrittenWithTheAlarm() throws Exception {
        writeTo(data);
        String scanId = handMadeScan("no-number", null, System.currentTimeMillis() / 1e3);
        history(scanId);
        assertEquals(List.of(1), H5Tree.read(fileOf(0)).shape("/entry/collection/devices/samx/samx/value"));
        Await.until("MINOR alarm without a scan number", () -> !system.alarms(a -> a.severity() == 1
                && a.info().exceptionType().equals("FileWriterMissingBaseline")
                && "no-number".equals(a.metadata().get("scan_id")) && !a.metadata().containsKey("scan_number")).isEmpty());
    }

    @Test
    void aScanWithoutANumberWhoseFileFailsStillRaisesTheAlarm() throws Exception {
        Path notADirectory = Files.writeString(data.resolve("plain-file"), "x");
        writeTo(notADirectory);
        String scanId = handMadeScan("no-number-unwritable", null, System.currentTimeMillis() / 1e3);
        ScanBaselineMessage baseline = new ScanBaselineMessage(null, scanId,
                Map.of("samy", Map.of("samy", Map.of("value", 2.25, "timestamp", 1.7e9))));
        system.bus.set(Endpoints.publicScanBaseline(scanId), baseline, java.time.Duration.ofMinutes(30));
        history(scanId);
        Await.until("MINOR alarm of the failed file, without a scan number", () -> !system.alarms(a -> a.severity() == 1
                && a.info().exceptionType().equals("FileWriterError")
                && "no-number-unwritable".equals(a.metadata().get("scan_id"))).isEmpty());
    }
}
