package org.jbec.test.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jbec.bus.api.RedisAddress;
import org.jbec.launcher.FileTrees;
import org.jbec.launcher.redis.RedisBinary;
import org.jbec.launcher.redis.RedisServerProcess;

/**
 * A Redis server of a test's own, on a free loopback port, without persistence, removed with its
 * folder on {@link #close()}. It uses the same binary as the launcher's embedded Redis: the
 * machine's redis-server when on the PATH, else the one shipped in embedded-redis. No test touches
 * a Redis it did not start.
 */
public final class PrivateRedis implements AutoCloseable {

    private volatile RedisServerProcess server;
    private final Path folder;
    // a test JVM that ends without close() must not leave a redis-server behind
    private final Thread stopAtExit;

    private PrivateRedis(RedisServerProcess server, Path folder) {
        this.server = server;
        this.folder = folder;
        this.stopAtExit = new Thread(() -> this.server.close(), "private-redis-" + server.address().port());
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Stops the server (its data is lost: no persistence). */
    public void stop() {
        server.close();
    }

    /** Starts it again on the same port, empty, after {@link #stop()}; returns once it answers. */
    public void restart() throws IOException {
        server.close();
        server = RedisServerProcess.start(server.binary(), server.address().port(), folder, false,
                Duration.ofSeconds(20));
    }

    /**
     * Stops it (SIGTERM: Redis writes its append-only file) and starts it again on the same port with
     * its data, as the embedded Redis of a beamline comes back; {@code down} runs while it is away.
     * Only for a server from {@link #startPersistent()}.
     */
    public void restartKeepingData(Runnable down) throws IOException {
        server.close();
        down.run();
        server = RedisServerProcess.start(server.binary(), server.address().port(), folder, true,
                Duration.ofSeconds(20));
    }

    /** A server that keeps its data in an append-only file across {@link #restartKeepingData}. */
    public static PrivateRedis startPersistent() throws IOException {
        Path folder = Files.createTempDirectory("jbec-test-redis-");
        RedisBinary binary = RedisBinary.locate(binaries());
        return new PrivateRedis(RedisServerProcess.start(binary, freePort(), folder, true, Duration.ofSeconds(20)),
                folder);
    }

    /** Starts a server with the launcher's choice of binary. */
    public static PrivateRedis start() throws IOException {
        return start(RedisBinary.locate(binaries()));
    }

    /** Starts a server with the given binary (to test the shipped one where the PATH has another). */
    public static PrivateRedis start(RedisBinary binary) throws IOException {
        Path folder = Files.createTempDirectory("jbec-test-redis-");
        IOException last = null;
        // a free port can be taken by someone else between probing and binding: try a few
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return new PrivateRedis(RedisServerProcess.start(binary, freePort(), folder, false,
                        Duration.ofSeconds(20)), folder);
            } catch (IOException e) {
                last = e;
            }
        }
        deleteTree(folder);
        throw last;
    }

    /** Where test runs unpack the shipped binary (shared, so it is unpacked once). */
    public static Path binaries() {
        return Path.of(System.getProperty("java.io.tmpdir"), "jbec-test-redis-bin");
    }

    /** A TCP port that nothing listened on a moment ago. */
    public static int freePort() throws IOException {
        return freePorts(1)[0];
    }

    /**
     * {@code count} distinct TCP ports that nothing listened on a moment ago. Two calls of
     * {@link #freePort()} can return the same port (the kernel may hand a released port out again at
     * once); a test that gives one port to Redis and the other to the web view then talks HTTP to
     * Redis, which drops the connection without a reply. Every socket here stays open until all are
     * chosen, so the ports differ.
     */
    public static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                sockets[i].setReuseAddress(true);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    public RedisAddress address() {
        return server.address();
    }

    public int port() {
        return server.address().port();
    }

    public RedisBinary binary() {
        return server.binary();
    }

    public boolean isAlive() {
        return server.isAlive();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
        server.close();
        deleteTree(folder);
    }

    private static void deleteTree(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
