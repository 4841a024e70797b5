package org.jbec.launcher.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;

/**
 * Lets {@code jbec status} and {@code jbec start} talk to a background instance: a Unix domain
 * socket in var/, readable by its owner only. A request is one Gogo statement; the reply is its
 * output followed by a last line {@code \0EXIT n} (0 = the command succeeded).
 */
final class ControlChannel implements AutoCloseable {

    private static final String EXIT_MARK = "\0EXIT ";

    private final ServerSocketChannel server;
    private final Path socket;
    private final ExecutorService acceptor;

    private ControlChannel(ServerSocketChannel server, Path socket, ExecutorService acceptor) {
        this.server = server;
        this.socket = socket;
        this.acceptor = acceptor;
    }

    /** Serves requests with sessions of the framework that {@code context} supplies. */
    static ControlChannel serve(Path socket, Supplier<BundleContext> context) throws IOException {
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        ExecutorService acceptor = Executors.newSingleThreadExecutor(r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("jbec-control");
            t.setDaemon(true);
            return t;
        });
        ControlChannel channel = new ControlChannel(server, socket, acceptor);
        acceptor.execute(() -> channel.acceptLoop(context));
        return channel;
    }

    private void acceptLoop(Supplier<BundleContext> context) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                answer(client, context.get());
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                System.err.println("jbec: control request failed: " + e);
            }
        }
    }

    private static void answer(SocketChannel client, BundleContext context) throws IOException {
        String request = readRequest(client);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = 0;
        try (GogoSession session = GogoSession.open(context, Duration.ofSeconds(5), out, out)) {
            String result = session.execute(request);
            out.write(result.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            out.write(("error: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            exit = 1;
        }
        String reply = out.toString(StandardCharsets.UTF_8).stripTrailing() + "\n" + EXIT_MARK + exit + "\n";
        ByteBuffer buffer = ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            client.write(buffer);
        }
    }

    private static String readRequest(SocketChannel client) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        while (client.read(buffer) > 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (b == '\n') {
                    return request.toString(StandardCharsets.UTF_8);
                }
                request.write(b);
            }
            buffer.clear();
            if (request.size() > 65536) {
                throw new IOException("control request longer than 64 KiB");
            }
        }
        return request.toString(StandardCharsets.UTF_8);
    }

    /** A reply from a background instance. */
    record Reply(String output, int exit) {
    }

    /**
     * Sends one statement to the instance listening on {@code socket}.
     *
     * @throws IOException when no instance listens there
     */
    static Reply request(Path socket, String statement) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((statement + "\n").getBytes(StandardCharsets.UTF_8)));
            String reply = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
            int mark = reply.lastIndexOf(EXIT_MARK);
            if (mark < 0) {
                throw new IOException("the instance closed the control connection without an answer");
            }
            int exit = Integer.parseInt(reply.substring(mark + EXIT_MARK.length()).strip());
            return new Reply(reply.substring(0, mark).stripTrailing(), exit);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the socket file is recreated at the next start
        }
        acceptor.shutdownNow();
    }
}
