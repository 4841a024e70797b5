package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.api.message.BundleMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.file.writer.internal.FileWriterHandle;
import org.jbec.file.writer.internal.H5Tree;
import org.jbec.test.support.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import redis.clients.jedis.Jedis;

/**
 * Issue 10 (a) for the file writer: junk on the channels it follows (scan status, scan segments),
 * from a fixed seed, including statuses and points of scans that never ran. Afterwards it runs and
 * writes the next real scan whole. (BusFuzzTest covers the other services' channels.)
 */
class FileWriterBusFuzzTest extends WithScanSystem {

    static final long SEED = 20261130L;

    @TempDir
    Path data;
    private FileWriterHandle writer;

    @BeforeEach
    void startWriter() throws InterruptedException {
        writer = new FileWriterHandle(system.bus, system.alarmPublisher, system.lifecycle, data, 256L << 20);
        Await.until("file writer running", writer::running);
    }

    @AfterEach
    void stopWriter() {
        writer.stop();
    }

    @Test
    void junkOnTheWritersChannelsLeavesItWriting() throws Exception {
        HostileMessages hostile = new HostileMessages(SEED);
        int sent = 0;
        try (Jedis raw = new Jedis("127.0.0.1", redis.port())) {
            for (var channel : Map.of("info/scans/scan_status", ScanStatusMessage.class,
                    "info/scans/scan_segment", BundleMessage.class).entrySet()) {
                for (byte[] payload : payloads(hostile, channel.getValue())) {
                    raw.publish(channel.getKey().getBytes(), payload);
                    sent++;
                }
            }
        }
        System.out.printf("file writer fuzz: %d payloads on 2 channels (seed %d)%n", sent, SEED);
        String rid = system.lineScan("samx", -1, 1, 3, Map.of("exp_time", 0), "primary");
        ScanStatusMessage closed = system.awaitStatus(rid, "closed");
        Path file = data.resolve(String.format("S00000-00999/S%05d/S%05d_master.h5", closed.scanNumber(),
                closed.scanNumber()));
        Await.until("the real scan's file " + file, Duration.ofSeconds(30), () -> file.toFile().exists());
        assertEquals(List.of(3), H5Tree.read(file).shape("/entry/collection/devices/samx/samx/value"));
        // junk end statuses (of scans nobody ran, some with the real scan's number) write no file
        try (var files = java.nio.file.Files.walk(data)) {
            assertEquals(List.of(file), files.filter(p -> p.toString().endsWith("_master.h5")).toList());
        }
        assertTrue(writer.running());
    }

    private static List<byte[]> payloads(HostileMessages hostile, Class<? extends BecMessage> type) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(hostile.randomBytes());
        }
        out.addAll(hostile.wrongShapes());
        out.add(hostile.emptyEnvelope(type));
        out.add(hostile.encode(new VariableMessage(null, "junk")));
        for (int i = 0; i < 40; i++) {
            out.add(hostile.encode(hostile.message(type)));
            // points of hostile scans inside a valid bundle, as the bundler sends them
            out.add(hostile.encode(new BundleMessage(null, List.of(hostile.message(ScanMessage.class)))));
        }
        return out;
    }
}
