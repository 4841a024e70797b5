package org.jbec.bus.api;

import java.util.Optional;

/**
 * The outcome of one round trip to the bus's Redis server: status as data, never an exception.
 *
 * @param connected      whether the server answered PING
 * @param serverVersion  the server's {@code redis_version}, or empty when not connected
 * @param roundTripNanos time of the PING round trip, or -1 when not connected
 * @param error          why the server could not be reached, or empty when connected
 */
public record RedisHealth(boolean connected, String serverVersion, long roundTripNanos, String error) {

    public static RedisHealth up(String serverVersion, long roundTripNanos) {
        return new RedisHealth(true, serverVersion, roundTripNanos, "");
    }

    public static RedisHealth down(String error) {
        return new RedisHealth(false, "", -1, error == null ? "unknown error" : error);
    }

    public Optional<String> errorMessage() {
        return connected ? Optional.empty() : Optional.of(error);
    }
}
