package org.jbec.launcher.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.RedisAddress;

/**
 * A redis-server process that jBEC started and will stop: the embedded Redis of the launcher or a
 * test's private Redis. It binds to loopback only.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final RedisBinary binary;
    private final RedisAddress address;
    private final ProcessHandle process;
    private final Path logFile;
    private final boolean adopted;

    private RedisServerProcess(RedisBinary binary, RedisAddress address, ProcessHandle process, Path logFile,
            boolean adopted) {
        this.binary = binary;
        this.address = address;
        this.process = process;
        this.logFile = logFile;
        this.adopted = adopted;
    }

    private static Path pidFile(Path workDir, int port) {
        return workDir.resolve("redis-" + port + ".pid");
    }

    private static Path logFile(Path workDir, int port) {
        return workDir.resolve("redis-" + port + ".log");
    }

    /**
     * The server that an earlier {@link #start} in {@code workDir} left running on {@code port} when
     * whoever started it ended without stopping it (a jBEC killed with SIGKILL), to be stopped by the
     * caller as if it had started it. Only when nobody uses it: no connection to the port (an earlier
     * jBEC still running keeps its connections open), and its pid file names the live process that
     * listens on the port. Empty otherwise, and on hosts whose connection tables cannot be read.
     *
     * @param binaryDir where {@link RedisBinary#locate} looks, once the server is known to be adopted
     *        (it runs the binary for its version: not for every start that finds a Redis answering)
     */
    public static Optional<RedisServerProcess> adopt(Path binaryDir, int port, Path workDir) {
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile(workDir, port), StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        // the process must hold the port's listening socket: a stale pid file naming a reused pid does not
        // (its name proves nothing: Debian's redis-server is a link to redis-check-rdb)
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(h -> LoopbackConnections.listensOn(pid, port));
        if (handle.isEmpty() || LoopbackConnections.established(port).orElse(-1) != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RedisServerProcess(RedisBinary.locate(binaryDir), new RedisAddress("127.0.0.1", port),
                    handle.get(), logFile(workDir, port), true));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts redis-server on {@code port} and returns once it answers PING.
     *
     * @param workDir     its working folder (log file, and the append-only file when persistent)
     * @param persistent  keep data in an append-only file in {@code workDir} across restarts
     * @param readyWithin how long it may take to answer
     * @throws IOException naming the binary and the tail of its log when it does not come up
     */
    public static RedisServerProcess start(RedisBinary binary, int port, Path workDir, boolean persistent,
            Duration readyWithin) throws IOException {
        Files.createDirectories(workDir);
        Path log = logFile(workDir, port);
        List<String> command = new ArrayList<>(List.of(binary.path().toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--daemonize", "no",
                "--dir", workDir.toAbsolutePath().toString(),
                "--logfile", log.toAbsolutePath().toString(),
                // for adopt(): Redis removes it when it stops cleanly
                "--pidfile", pidFile(workDir, port).toAbsolutePath().toString(),
                "--save", "",
                // a subscriber's callbacks run on its reading thread: one busy for a while (a large
                // image to process) has Redis hold what arrives meanwhile; the default 32 MB limit
                // would drop such a subscriber in a burst of camera frames
                "--client-output-buffer-limit", "pubsub", "256mb", "64mb", "60"));
        command.addAll(persistent
                ? List.of("--appendonly", "yes", "--appendfilename", "jbec-" + port + ".aof")
                : List.of("--appendonly", "no"));
        // its own session: a Ctrl-C in the operator's terminal (SIGINT to the foreground process group)
        // must reach the shell, not kill the Redis it uses; setsid execs in place, so the pid stays
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add(0, "/usr/bin/setsid");
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("redis-" + port + ".out").toFile()))
                .start();
        RedisAddress address = new RedisAddress("127.0.0.1", port);
        RedisServerProcess server = new RedisServerProcess(binary, address, process.toHandle(), log, false);
        server.awaitReady(process, readyWithin);
        return server;
    }

    private void awaitReady(Process started, Duration within) throws IOException {
        RedisProbe probe = new RedisProbe(500);
        long deadline = System.nanoTime() + within.toNanos();
        RedisProbe.Answer last;
        do {
            if (!started.isAlive()) {
                throw new IOException(binary.describe() + " exited with " + started.exitValue()
                        + " before answering on port " + address.port() + ":\n" + logTail());
            }
            last = probe.probe(address);
            if (last.kind() == RedisProbe.Kind.REDIS) {
                return;
            }
            try {
                // a condition poll, not a fixed sleep: stops as soon as the server answers
                started.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("interrupted while waiting for redis-server", e);
            }
        } while (System.nanoTime() < deadline);
        close();
        throw new IOException(binary.describe() + " did not answer on port " + address.port() + " within "
                + within.toMillis() + " ms (" + last.detail() + "):\n" + logTail());
    }

    public RedisAddress address() {
        return address;
    }

    public RedisBinary binary() {
        return binary;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether this server was left by an earlier run and {@link #adopt adopted}. */
    public boolean adopted() {
        return adopted;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    /** Stops the server (SIGTERM, so a persistent one writes its data) and waits for it to exit. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            process.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
