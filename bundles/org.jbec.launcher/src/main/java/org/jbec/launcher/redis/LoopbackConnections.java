package org.jbec.launcher.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A local server port's sockets, from the kernel's tables ({@code /proc/net/tcp} and {@code tcp6}):
 * without talking to the server, which may ask for a login (ACLs) that the launcher does not have at
 * that moment. Linux only: elsewhere nothing is counted and nothing adopted.
 */
final class LoopbackConnections {

    private static final String ESTABLISHED = "01";
    private static final String LISTEN = "0A";
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private LoopbackConnections() {
    }

    /**
     * Whether process {@code pid} holds the socket listening on {@code port}: its open files include
     * that socket's inode. Proves a pid file right (a pid reused by another program does not pass).
     */
    static boolean listensOn(long pid, int port) {
        Set<String> sockets = rows(port, LISTEN).orElse(List.of()).stream()
                .filter(fields -> fields.length > 9).map(fields -> "socket:[" + fields[9] + "]")
                .collect(Collectors.toSet());
        if (sockets.isEmpty()) {
            return false;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
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
        return rows(port, ESTABLISHED).map(rows -> OptionalInt.of(rows.size())).orElse(OptionalInt.empty());
    }

    /** As {@link #established(int)}, in the lines of one table. */
    static int established(List<String> table, int port) {
        return matching(table, port, ESTABLISHED).size();
    }

    /** The rows of both tables with that local port and state, split in fields; empty where neither can be read. */
    private static Optional<List<String[]>> rows(int port, String state) {
        List<String[]> rows = new ArrayList<>();
        boolean read = false;
        for (Path table : TABLES) {
            try {
                rows.addAll(matching(Files.readAllLines(table, StandardCharsets.US_ASCII), port, state));
                read = true;
            } catch (IOException e) {
                // no IPv6 table on this host, or no /proc at all: decided below
            }
        }
        return read ? Optional.of(rows) : Optional.empty();
    }

    /**
     * The lines of a table whose local address ends in {@code port} (hexadecimal) and whose state is
     * {@code state}, split in fields. Lines look like {@code "  3: 0100007F:9A5D 0100007F:C1A2 01 ..."}.
     */
    private static List<String[]> matching(List<String> table, int port, String state) {
        String localPort = String.format(":%04X", port);
        List<String[]> rows = new ArrayList<>();
        for (String line : table) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 3 && fields[1].endsWith(localPort) && fields[3].equals(state)) {
                rows.add(fields);
            }
        }
        return rows;
    }
}
