package org.jbec.launcher.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jbec.bus.api.RedisAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probing and starting real redis-server processes. */
class RedisProbeTest {

    private final RedisProbe probe = new RedisProbe(1000);

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void nothingListening() throws IOException {
        assertEquals(RedisProbe.Kind.NOTHING, probe.probe(new RedisAddress("127.0.0.1", freePort())).kind());
    }

    @Test
    void aRedisServerIsRecognisedAndStopsOnClose(@TempDir Path dir) throws IOException {
        RedisServerProcess server = RedisServerProcess.start(RedisBinary.locate(dir.resolve("bin")), freePort(),
                dir, false, Duration.ofSeconds(20));
        try {
            assertEquals(RedisProbe.Kind.REDIS, probe.probe(server.address()).kind());
        } finally {
            server.close();
        }
        assertFalse(server.isAlive());
        assertEquals(RedisProbe.Kind.NOTHING, probe.probe(server.address()).kind());
    }

    @Test
    void theShippedBinaryRunsToo(@TempDir Path dir) throws IOException {
        RedisBinary shipped = RedisBinary.shipped(dir.resolve("bin"));
        assertEquals("embedded-redis jar", shipped.origin());
        assertTrue(shipped.version().matches("\\d+\\.\\d+\\.\\d+"), shipped.version());
        try (RedisServerProcess server = RedisServerProcess.start(shipped, freePort(), dir, false,
                Duration.ofSeconds(20))) {
            assertEquals(RedisProbe.Kind.REDIS, probe.probe(server.address()).kind());
        }
        // a second unpack into the same folder reuses the binary
        assertEquals(shipped.path(), RedisBinary.shipped(dir.resolve("bin")).path());
    }

    @Test
    void somethingElseIsNotTakenForRedis() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ServerSocket http = new ServerSocket(0)) {
            pool.execute(() -> {
                try (Socket client = http.accept()) {
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the probe closed first
                }
            });
            RedisProbe.Answer answer = probe.probe(new RedisAddress("127.0.0.1", http.getLocalPort()));
            assertEquals(RedisProbe.Kind.NOT_REDIS, answer.kind());
            assertTrue(answer.detail().contains("HTTP/1.1 400"), answer.detail());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unknownHostIsUnreachable() {
        assertEquals(RedisProbe.Kind.UNREACHABLE, probe.probe(new RedisAddress("no-such-host.invalid", 6379)).kind());
    }

    @Test
    void failingServerReportsItsLog(@TempDir Path dir) throws IOException {
        RedisBinary binary = RedisBinary.locate(dir.resolve("bin"));
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> RedisServerProcess.start(binary, taken.getLocalPort(), dir, false, Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("redis-server"), e.getMessage());
        }
    }
}
