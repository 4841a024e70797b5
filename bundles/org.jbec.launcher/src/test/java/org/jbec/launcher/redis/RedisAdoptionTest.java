package org.jbec.launcher.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A redis-server that an earlier run started and left running is adopted only when nobody uses it,
 * and then stops like one this run started; with real redis-server processes.
 */
class RedisAdoptionTest {

    private final RedisProbe probe = new RedisProbe(1000);

    @Test
    void aServerLeftRunningIsAdoptedOnceNobodyIsConnectedAndStopsWithItsAdopter(@TempDir Path dir) throws Exception {
        RedisBinary binary = RedisBinary.locate(dir.resolve("bin"));
        int port = RedisProbeTest.freePort();
        // the first run: starts it, then "dies" without stopping it (this object is simply dropped)
        RedisServerProcess left = RedisServerProcess.start(binary, port, dir, false, Duration.ofSeconds(20));
        try {
            try (Socket stillUsing = new Socket("127.0.0.1", port)) {
                awaitConnections(port, 1);
                assertEquals(Optional.empty(), RedisServerProcess.adopt(dir.resolve("bin"), port, dir),
                        "a server with a connection (a jBEC still running on it) is not taken over");
            }
            awaitConnections(port, 0);
            Optional<RedisServerProcess> adopted = RedisServerProcess.adopt(dir.resolve("bin"), port, dir);
            assertTrue(adopted.isPresent(), "nobody connected: adopted");
            assertTrue(adopted.get().adopted());
            assertEquals(left.pid(), adopted.get().pid());
            adopted.get().close();
            assertFalse(left.isAlive(), "closing the adopted server stops the process the first run started");
            assertEquals(RedisProbe.Kind.NOTHING, probe.probe(left.address()).kind());
            assertFalse(Files.exists(dir.resolve("redis-" + port + ".pid")), "a clean stop removes the pid file");
            assertEquals(Optional.empty(), RedisServerProcess.adopt(dir.resolve("bin"), port, dir), "nothing left to adopt");
        } finally {
            left.close();
        }
    }

    @Test
    void aPidFileNamingAnotherProgramIsNotAdopted(@TempDir Path dir) throws IOException {
        int port = RedisProbeTest.freePort();
        Files.writeString(dir.resolve("redis-" + port + ".pid"), Long.toString(ProcessHandle.current().pid()));
        assertEquals(Optional.empty(), RedisServerProcess.adopt(dir.resolve("bin"), port, dir));
    }

    @Test
    void establishedConnectionsAreCountedOnTheServerSideOnly() {
        List<String> table = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
                "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 2 1",
                "   2: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 3 1",
                "   3: 0100007F:1F90 0100007F:C351 08 00000000:00000000 00:00000000 00000000     0        0 4 1");
        // port 8080 = 0x1F90: the listening socket (0A), one established server side (01), the
        // client's own end of that connection (local port 0xC350) and one closing (08)
        assertEquals(1, LoopbackConnections.established(table, 8080));
        assertEquals(1, LoopbackConnections.established(table, 0xC350));
        assertEquals(0, LoopbackConnections.established(table, 6379));
    }

    /** The kernel's tables follow a connect or close a moment later. */
    private static void awaitConnections(int port, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (LoopbackConnections.established(port).orElse(-1) != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("port " + port + " has " + LoopbackConnections.established(port)
                        + " established connections, not " + count);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
