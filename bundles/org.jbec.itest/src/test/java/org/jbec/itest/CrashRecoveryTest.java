package org.jbec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.FileMessage;
import org.jbec.bus.api.message.QueueInfoEntry;
import org.jbec.bus.api.message.ScanQueueHistoryMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.jbec.bus.api.message.ScanQueueStatus;
import org.jbec.bus.api.message.ScanQueueStatusMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jBEC process is killed (SIGKILL) during a scan with more scans waiting, then started again on
 * the same Redis: the queue is back (paused, as configured by default), the interrupted scan is in the
 * history as stopped with the reason and its status says aborted, its points so far are in a file h5py
 * opens, and the scans run after it get new numbers.
 */
class CrashRecoveryTest {

    private static final Path ROOT = ItestRuntime.root();
    private static final java.time.Duration LONG = java.time.Duration.ofSeconds(60);

    @TempDir
    Path work;
    private PrivateRedis redis;
    private JedisConnector bus;

    @AfterEach
    void stop() throws Exception {
        jbec("stop");
        // the logs of both runs stay with the test reports, for a failure to be understood
        Path keep = Files.createDirectories(ROOT.resolve("bundles/org.jbec.itest/target/crash-recovery"));
        if (Files.isDirectory(work.resolve("log"))) {
            try (var logs = Files.list(work.resolve("log"))) {
                for (Path log : logs.toList()) {
                    Files.copy(log, keep.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        if (bus != null) {
            bus.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private String jbec(String... args) throws IOException, InterruptedException {
        return new BackgroundJbec(work).run(args);
    }

    private String submit(String scanType, List<Object> args, Map<String, Object> kwargs) {
        String rid = UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("RID", rid);
        metadata.put("client_info", Map.of("acl_user", "default", "username", "test", "hostname", "test"));
        bus.send(Endpoints.scanQueueRequest("default"), new ScanQueueMessage(metadata, scanType,
                Map.of("args", args, "kwargs", kwargs), "primary", true));
        return rid;
    }

    private Optional<ScanQueueStatus> primary() {
        return bus.get(Endpoints.scanQueueStatus()).map(ScanQueueStatusMessage::queue).map(q -> q.get("primary"));
    }

    @Test
    void aKilledServerComesBackWithItsQueueTheAbortedScanAndItsFile() throws Exception {
        redis = PrivateRedis.start();
        Files.writeString(work.resolve("servers.yaml"), "redis:\n  host: 127.0.0.1\n  port: " + redis.port()
                + "\n  embedded: false\nlog_writer:\n  base_path: " + work.resolve("log") + "\nfile_writer:\n  base_path: "
                + work.resolve("data") + "\n");
        Files.writeString(work.resolve("devices.yaml"), """
                samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                       deviceConfig: {delay: 0, limits: [-50, 50]}}
                bpm4i: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                        deviceConfig: {noise: none}}
                """);
        jbec("start");
        bus = JedisConnector.open("127.0.0.1", redis.port());
        List<ScanStatusMessage> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        bus.subscribe(Endpoints.scanStatus(), e -> statuses.add(e.as(ScanStatusMessage.class)));

        submit("line_scan", List.of("samx", -1, 1), Map.of("steps", 400, "exp_time", 0.05, "relative", false));
        String second = submit("line_scan", List.of("samx", -1, 1), Map.of("steps", 3, "relative", false));
        String third = submit("line_scan", List.of("samx", -1, 1), Map.of("steps", 4, "relative", false));
        ScanStatusMessage open = Await.value("the long scan opened", LONG, () -> statuses.stream()
                .filter(s -> s.status().equals("open")).findFirst());
        Await.until("10 points of the long scan in Redis", LONG,
                () -> bus.keys(Endpoints.publicScanSegment(open.scanId(), "*")).size() >= 10);

        long pid = Long.parseLong(Files.readString(work.resolve("var/jbec.pid")).trim());
        ProcessHandle jvm = ProcessHandle.of(pid).orElseThrow();
        assertTrue(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS));
        jvm.onExit().get(30, TimeUnit.SECONDS);
        int pointsBeforeKill = bus.keys(Endpoints.publicScanSegment(open.scanId(), "*")).size();

        long restart = System.nanoTime();
        jbec("start");
        ScanQueueStatus queue = Await.value("the queue restored", LONG, () -> primary().filter(q -> q.info().size() == 2));
        double restoredSeconds = (System.nanoTime() - restart) / 1e9;
        System.out.printf("restart to queue restored: %.1f s (jbec start included)%n", restoredSeconds);
        assertEquals("PAUSED", queue.status(), "a restored queue waits for the operator by default");
        assertEquals(List.of(second, third), queue.info().stream().map(e -> e.requestBlocks().get(0).RID()).toList());

        ScanQueueHistoryMessage stopped = bus.lrange(Endpoints.scanQueueHistory(), 0, -1).stream()
                .filter(h -> h.info().requestBlocks().get(0).scanId() != null
                        && h.info().requestBlocks().get(0).scanId().equals(open.scanId()))
                .findFirst().orElseThrow(() -> new AssertionError("no history entry for the interrupted scan"));
        assertEquals("STOPPED", stopped.status());
        assertEquals("alarm", stopped.info().reason());
        assertTrue(String.valueOf(stopped.metadata().get("exit_reason")).contains("scan server stopped"), stopped.toString());
        assertEquals("aborted", bus.get(Endpoints.publicScanInfo(open.scanId())).orElseThrow().status());

        FileMessage file = Await.value("the interrupted scan's file", LONG, () -> bus.get(Endpoints.publicFile(open.scanId(),
                "master")).filter(f -> Boolean.TRUE.equals(f.done())));
        assertTrue(file.successful(), file.toString());
        assertEquals(Integer.toString(pointsBeforeKill), h5pyPoints(Path.of(file.filePath())),
                "every point that reached Redis is in the file");

        bus.send(Endpoints.scanQueueModificationRequest(), new ScanQueueModificationMessage(null, null, null, "continue",
                Map.of(), "primary"));
        Await.until("both waiting scans closed", LONG, () -> statuses.stream().filter(s -> s.status().equals("closed")).count() == 2);
        List<Long> numbers = statuses.stream().filter(s -> s.status().equals("closed")).map(ScanStatusMessage::scanNumber)
                .toList();
        assertEquals(List.of(open.scanNumber() + 1, open.scanNumber() + 2), numbers, "no scan number used twice");
        Await.until("the queue empty", LONG, () -> primary().map(q -> q.info().isEmpty()).orElse(false));
        for (QueueInfoEntry e : queue.info()) {
            assertEquals("PENDING", e.status());
        }
    }

    /** The number of points of bpm4i in the file, as h5py reads it. */
    private static String h5pyPoints(Path file) throws Exception {
        Process h5py = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, sys; f = h5py.File(sys.argv[1], 'r'); "
                + "print(f['/entry/collection/devices/bpm4i/bpm4i/value'].shape[0])", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(h5py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(h5py.waitFor(60, TimeUnit.SECONDS));
        return out;
    }
}
