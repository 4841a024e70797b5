package org.jbec.bus.redis.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;

import org.jbec.test.support.Await;
import org.junit.jupiter.api.Test;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The connector's sockets, against a plain local server socket. */
class BusSocketFactoryTest {

    private static final JedisClientConfig CONFIG = DefaultJedisClientConfig.builder().timeoutMillis(2000).build();

    @Test
    void aWriterSocketSendsAScanPointsAnswerAtOnceOnlyWhenFlushed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HostAndPort address = new HostAndPort("127.0.0.1", server.getLocalPort());
            try (Socket socket = BusSocketFactory.withWriteBuffer(address, CONFIG).createSocket();
                    Socket peer = server.accept()) {
                byte[] answer = new byte[9_500]; // more than Jedis's own 8 KiB buffer
                Arrays.fill(answer, (byte) 'x');
                OutputStream out = socket.getOutputStream();
                out.write(answer, 0, 8_192); // what Jedis passes on when its buffer is full
                out.write(answer, 8_192, answer.length - 8_192);
                InputStream in = peer.getInputStream();
                // on loopback, bytes written to the socket are readable at once; these were not written
                assertEquals(0, in.available(), "sent before the flush");
                out.flush();
                Await.until("the whole answer arrives", () -> available(in) == answer.length);
                assertArrayEquals(answer, in.readNBytes(answer.length));
            }
        }
    }

    private static int available(InputStream in) {
        try {
            return in.available();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The pub/sub reader's socket is a channel's, which reads without a timeout as one blocking call
     * even after reads with one (the login's): a plain socket of this JDK stays non-blocking after
     * its first timed read (read, poll, read for every wait; `perf stat` on the scan bench counted
     * 1.6 polls per point on the bus reader with it, 0.06 with this socket).
     */
    @Test
    void aReaderSocketReadsWithAndWithoutATimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HostAndPort address = new HostAndPort("127.0.0.1", server.getLocalPort());
            try (Socket socket = BusSocketFactory.forReader(address, CONFIG).createSocket();
                    Socket peer = server.accept()) {
                assertNotNull(socket.getChannel(), "a channel's socket");
                assertEquals(2000, socket.getSoTimeout());
                InputStream in = socket.getInputStream();
                socket.setSoTimeout(20);
                assertThrows(java.net.SocketTimeoutException.class, in::read, "a timed read times out");
                peer.getOutputStream().write('+');
                assertEquals('+', in.read());
                socket.setSoTimeout(0); // as Jedis's subscription does
                peer.getOutputStream().write("PONG".getBytes());
                assertEquals("PONG", new String(in.readNBytes(4)));
                assertTrue(socket.getChannel().isBlocking());
            }
        }
    }

    @Test
    void nothingListeningIsAConnectionFailure() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        HostAndPort address = new HostAndPort("127.0.0.1", port);
        JedisConnectionException e = assertThrows(JedisConnectionException.class,
                () -> BusSocketFactory.withWriteBuffer(address, CONFIG).createSocket());
        assertEquals(1, e.getSuppressed().length, "the refusal is kept: " + Arrays.toString(e.getSuppressed()));
    }
}
