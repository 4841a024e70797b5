package org.jbec.launcher.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jbec.bus.api.RedisAddress;
import org.jbec.config.ServersConfig;
import org.jbec.launcher.redis.RedisBinary;
import org.jbec.launcher.redis.RedisProbe;
import org.jbec.launcher.redis.RedisServerProcess;

/**
 * Decides which Redis a framework uses: the configured (or {@code JBEC_REDIS}) one when a Redis
 * answers there; an embedded one started on that port when nothing answers, the address is local
 * and {@code redis.embedded} allows it; otherwise a clear error.
 *
 * @param address  where the framework connects
 * @param embedded the server jBEC started, to be stopped on exit; empty for an external server
 */
record RedisForFramework(RedisAddress address, Optional<RedisServerProcess> embedded) implements AutoCloseable {

    static RedisForFramework provide(ServersConfig config, String override, Path redisDir) throws IOException {
        RedisAddress address;
        String from;
        if (override != null && !override.isBlank()) {
            try {
                address = RedisAddress.parse(override);
            } catch (IllegalArgumentException e) {
                throw new IOException("JBEC_REDIS: " + e.getMessage(), e);
            }
            from = "JBEC_REDIS";
        } else {
            address = new RedisAddress(config.redis().host(), config.redis().port());
            from = config.source() + " (redis.host/redis.port)";
        }
        RedisProbe.Answer answer = new RedisProbe(2000).probe(address);
        switch (answer.kind()) {
            case REDIS:
                return new RedisForFramework(address,
                        override == null || override.isBlank() ? leftRunning(config, address, redisDir) : Optional.empty());
            case NOT_REDIS:
                throw new IOException("something that is not Redis answers at " + address + " (" + answer.detail()
                        + "); point " + from + " at a Redis server or free that port");
            case UNREACHABLE:
                throw new IOException("cannot reach Redis at " + address + " named by " + from + ": "
                        + answer.detail());
            case NOTHING:
            default:
                if (!config.redis().embedded()) {
                    throw new IOException("no Redis answers at " + address + " and redis.embedded is false in "
                            + config.source());
                }
                if (!address.isLoopback()) {
                    throw new IOException("no Redis answers at " + address + " named by " + from
                            + "; an embedded Redis starts only for a local address");
                }
                RedisBinary binary = RedisBinary.locate(redisDir.resolve("bin"));
                RedisServerProcess server = RedisServerProcess.start(binary, address.port(), redisDir, true,
                        Duration.ofSeconds(20));
                return new RedisForFramework(address, Optional.of(server));
        }
    }

    /**
     * The embedded Redis that an earlier jBEC of this home left running (it was killed before it could
     * stop it), when nobody uses it: adopted, so that this one stops it on exit instead of leaving it
     * running for good as an "external" server. The data it holds (the queue, for one) is kept.
     */
    private static Optional<RedisServerProcess> leftRunning(ServersConfig config, RedisAddress address, Path redisDir) {
        if (!config.redis().embedded() || !address.isLoopback()) {
            return Optional.empty();
        }
        Optional<RedisServerProcess> adopted = RedisServerProcess.adopt(redisDir.resolve("bin"), address.port(), redisDir);
        adopted.ifPresent(server -> System.err.println("jbec: the embedded Redis (pid " + server.pid() + ") that an "
                + "earlier jBEC of this home left running on port " + address.port() + " is used, with its data, "
                + "and stops with this one"));
        return adopted;
    }

    /** How status names the embedded server; blank for an external one. */
    String embeddedDescription() {
        return embedded.map(s -> s.binary().describe() + " pid " + s.pid()
                + (s.adopted() ? " (left running by an earlier jBEC, adopted)" : "")).orElse("");
    }

    @Override
    public void close() {
        embedded.ifPresent(RedisServerProcess::close);
    }
}
