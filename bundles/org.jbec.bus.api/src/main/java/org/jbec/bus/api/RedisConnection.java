package org.jbec.bus.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The framework's connection to the Redis server that carries the bus.
 * <p>
 * Registered once per framework by the Redis bus bundle when the servers configuration names a
 * Redis address. Its methods never throw for an unreachable server: they report it as data.
 */
@ProviderType
public interface RedisConnection {

    /** Where the server listens. */
    RedisAddress address();

    /**
     * How the server was provided when jBEC started it itself (for example
     * {@code "redis-server 7.0.15 (/usr/bin/redis-server)"}); empty for an external server.
     */
    Optional<String> embeddedServer();

    /** One PING round trip and the server's version. Bounded by the connection timeout. */
    RedisHealth check();
}
