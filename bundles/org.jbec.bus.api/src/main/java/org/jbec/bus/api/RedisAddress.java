package org.jbec.bus.api;

import java.util.Objects;

/**
 * Where the bus's Redis server listens.
 *
 * @param host host name or IP address, never blank
 * @param port TCP port, 1..65535
 */
public record RedisAddress(String host, int port) {

    /** BEC's default Redis port. */
    public static final int DEFAULT_PORT = 6379;

    public RedisAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("Redis host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Redis port " + port + " is outside 1..65535");
        }
    }

    /**
     * Parses {@code host:port}, {@code host} (default port) or {@code [v6addr]:port}.
     *
     * @throws IllegalArgumentException naming the text when it is not an address
     */
    public static RedisAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' is not host:port (unclosed '[')");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith(":")) {
                port = rest.substring(1);
            } else if (!rest.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' is not host:port");
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') == colon) {
                host = s.substring(0, colon);
                port = s.substring(colon + 1);
            } else {
                host = s;
            }
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host (expected host:port)");
        }
        if (port == null) {
            return new RedisAddress(host, DEFAULT_PORT);
        }
        try {
            return new RedisAddress(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has port '" + port + "', not a number", e);
        }
    }

    /** True when the address can only be served by this machine (where an embedded server may start). */
    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
