package org.jbec.launcher.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * How many TCP connections a local server port has, from the kernel's tables ({@code /proc/net/tcp}
 * and {@code tcp6}): without talking to the server, which may ask for a login (ACLs) that the
 * launcher does not have at that moment. Linux only: elsewhere nothing is counted and nothing adopted.
 */
final class LoopbackConnections {

    private static final String ESTABLISHED = "01";
    private static final String LISTEN = "0A";

    private LoopbackConnections() {
    }

    /**
     * Whether process {@code pid} holds the socket listening on {@code port}: its open files include
     * that socket's inode. Proves a pid file right (a pid reused by another program does not pass).
     */
    static boolean listensOn(long pid, int port) {
        java.util.Set<String> sockets = new java.util.HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(String.format(":%04X", port)) && fields[3].equals(LISTEN)) {
                        sockets.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException e) {
                // no IPv6 table on this host
            }
        }
        if (sockets.isEmpty()) {
            return false;
        }
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return sockets.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /** Established connections whose local end is {@code port}; empty where the tables cannot be read. */
    static OptionalInt established(int port) {
        int count = 0;
        boolean read = false;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                count += established(Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII), port);
                read = true;
            } catch (IOException e) {
                // no IPv6 table on this host, or no /proc at all: decided below
            }
        }
        return read ? OptionalInt.of(count) : OptionalInt.empty();
    }

    /**
     * Counts the lines of a table whose local address ends in {@code port} (hexadecimal) and whose
     * state is established. Lines look like {@code "  3: 0100007F:9A5D 0100007F:C1A2 01 ..."}.
     */
    static int established(List<String> table, int port) {
        String localPort = String.format(":%04X", port);
        int count = 0;
        for (String line : table) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 3 && fields[1].endsWith(localPort) && fields[3].equals(ESTABLISHED)) {
                count++;
            }
        }
        return count;
    }
}
