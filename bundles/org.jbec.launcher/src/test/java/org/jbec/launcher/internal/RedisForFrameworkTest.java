package org.jbec.launcher.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.jbec.config.ServersConfig;
import org.jbec.launcher.redis.RedisBinary;
import org.jbec.launcher.redis.RedisProbe;
import org.jbec.launcher.redis.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Redis a framework gets, against real servers. */
class RedisForFrameworkTest {

    private static ServersConfig config(String host, int port, boolean embedded) {
        ServersConfig d = ServersConfig.defaults();
        return new ServersConfig("test.yaml", new ServersConfig.Redis(host, port, embedded), d.fileWriter(), d.log(),
                Map.of(), true, false);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void startsAnEmbeddedRedisWhenNothingAnswersAndStopsItOnClose(@TempDir Path dir) throws IOException {
        int port = freePort();
        RedisForFramework redis = RedisForFramework.provide(config("localhost", port, true), "", dir);
        try {
            assertTrue(redis.embedded().isPresent());
            assertTrue(redis.embeddedDescription().startsWith("redis-server "), redis.embeddedDescription());
            assertEquals(RedisProbe.Kind.REDIS, new RedisProbe(1000).probe(redis.address()).kind());
        } finally {
            redis.close();
        }
        assertEquals(RedisProbe.Kind.NOTHING, new RedisProbe(1000).probe(redis.address()).kind());
    }

    @Test
    void usesAnExternalRedisAndLeavesItRunning(@TempDir Path dir) throws IOException {
        try (RedisServerProcess external = RedisServerProcess.start(RedisBinary.locate(dir.resolve("bin")),
                freePort(), dir, false, Duration.ofSeconds(20))) {
            RedisForFramework redis = RedisForFramework.provide(config("localhost", 1, true),
                    external.address().toString(), dir);
            assertFalse(redis.embedded().isPresent(), "JBEC_REDIS wins over the file, and a server answers");
            assertEquals(external.address(), redis.address());
            redis.close();
            assertTrue(external.isAlive());
        }
    }

    @Test
    void embeddedDisabledIsAClearError(@TempDir Path dir) throws IOException {
        int port = freePort();
        IOException e = assertThrows(IOException.class,
                () -> RedisForFramework.provide(config("localhost", port, false), "", dir));
        assertTrue(e.getMessage().contains("redis.embedded is false"), e.getMessage());
    }

    @Test
    void embeddedOnlyForLocalAddresses(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class,
                () -> RedisForFramework.provide(config("no-such-host.invalid", 6379, true), "", dir));
        assertTrue(e.getMessage().contains("cannot reach Redis"), e.getMessage());
    }

    @Test
    void somethingElseOnThePortIsAClearError(@TempDir Path dir) throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            IOException e = assertThrows(IOException.class, () -> RedisForFramework.provide(
                    config("localhost", 1, true), "127.0.0.1:" + silent.getLocalPort(), dir));
            assertTrue(e.getMessage().startsWith("something that is not Redis answers at 127.0.0.1:"), e.getMessage());
            assertTrue(e.getMessage().contains("JBEC_REDIS"), e.getMessage());
        }
    }

    @Test
    void badOverrideIsNamed(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class,
                () -> RedisForFramework.provide(config("localhost", 1, true), "localhost:http", dir));
        assertTrue(e.getMessage().startsWith("JBEC_REDIS: 'localhost:http'"), e.getMessage());
    }
}
