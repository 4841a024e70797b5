package org.jbec.launcher.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.RedisAddress;

/**
 * A redis-server process that jBEC started and will stop: the embedded Redis of the launcher or a
 * test's private Redis. It binds to loopback only.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final RedisBinary binary;
    private final RedisAddress address;
    private final Process process;
    private final Path logFile;

    private RedisServerProcess(RedisBinary binary, RedisAddress address, Process process, Path logFile) {
        this.binary = binary;
        this.address = address;
        this.process = process;
        this.logFile = logFile;
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
        Path log = workDir.resolve("redis-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(binary.path().toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--daemonize", "no",
                "--dir", workDir.toAbsolutePath().toString(),
                "--logfile", log.toAbsolutePath().toString(),
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
        RedisServerProcess server = new RedisServerProcess(binary, address, process, log);
        server.awaitReady(readyWithin);
        return server;
    }

    private void awaitReady(Duration within) throws IOException {
        RedisProbe probe = new RedisProbe(500);
        long deadline = System.nanoTime() + within.toNanos();
        RedisProbe.Answer last;
        do {
            if (!process.isAlive()) {
                throw new IOException(binary.describe() + " exited with " + process.exitValue()
                        + " before answering on port " + address.port() + ":\n" + logTail());
            }
            last = probe.probe(address);
            if (last.kind() == RedisProbe.Kind.REDIS) {
                return;
            }
            try {
                // a condition poll, not a fixed sleep: stops as soon as the server answers
                process.waitFor(50, TimeUnit.MILLISECONDS);
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
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
