package org.jbec.bus.redis.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Sockets for the connector's own connections, made for how each is used; plain TCP with the options
 * of Jedis's own factory (jBEC's connections do not use TLS).
 * <p>
 * The reply-less writer's socket ({@link #withWriteBuffer}) holds what is written until Jedis
 * flushes. Jedis's own buffer is 8 KiB and is passed on to the socket whenever it fills; the device
 * server's answer to a scan point's read (each device's reading stored and published twice, the
 * responses carrying their instruction) is about 8 KiB, so it often went out in two system calls,
 * and Redis read it in two. Jedis has no setting for its buffer size.
 * <p>
 * The readers' sockets ({@link #forReader}, for the pub/sub and the stream reader) are socket
 * channels': a read without a timeout (the subscription's) is one blocking system call. A plain
 * socket of this JDK turns non-blocking for good at its first read with a timeout (the login), and
 * from then on every read that finds nothing is three calls (a read that fails, a poll, the read
 * again): with two waits for Redis per scan point, four calls more per point on the bus's busiest
 * thread.
 */
final class BusSocketFactory implements JedisSocketFactory {

    /** What a socket holds before it sends: a few scan points' answers. */
    static final int WRITE_BUFFER = 64 * 1024;

    private final HostAndPort address;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final SocketSupplier sockets;

    /** A new unconnected socket. */
    private interface SocketSupplier {
        Socket get() throws IOException;
    }

    private BusSocketFactory(HostAndPort address, JedisClientConfig config, SocketSupplier sockets) {
        this.address = address;
        this.connectTimeoutMillis = config.getConnectionTimeoutMillis();
        this.readTimeoutMillis = config.getSocketTimeoutMillis();
        this.sockets = sockets;
    }

    /** Sockets that send what is written when Jedis flushes, up to {@link #WRITE_BUFFER} bytes at once. */
    static BusSocketFactory withWriteBuffer(HostAndPort address, JedisClientConfig config) {
        return new BusSocketFactory(address, config, BufferedSocket::new);
    }

    /** Sockets whose reads without a timeout are one blocking system call each. */
    static BusSocketFactory forReader(HostAndPort address, JedisClientConfig config) {
        return new BusSocketFactory(address, config, () -> SocketChannel.open().socket());
    }

    @Override
    public Socket createSocket() throws JedisConnectionException {
        JedisConnectionException failure = new JedisConnectionException("Failed to connect to " + address);
        InetAddress[] hosts;
        try {
            hosts = InetAddress.getAllByName(address.getHost());
        } catch (IOException e) {
            failure.addSuppressed(e);
            throw failure;
        }
        for (InetAddress host : hosts) {
            Socket socket;
            try {
                socket = sockets.get();
            } catch (IOException e) {
                failure.addSuppressed(e);
                throw failure;
            }
            try {
                socket.setReuseAddress(true);
                socket.setKeepAlive(true); // a dead peer is noticed even while nothing is read
                socket.setTcpNoDelay(true); // what is flushed goes out at once
                socket.setSoLinger(true, 0); // closing never waits for unsent bytes
                socket.connect(new InetSocketAddress(host, address.getPort()), connectTimeoutMillis);
                socket.setSoTimeout(readTimeoutMillis);
                return socket;
            } catch (IOException e) {
                failure.addSuppressed(e);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it never connected
                }
            }
        }
        throw failure;
    }

    /** A socket whose output stream holds up to {@link #WRITE_BUFFER} bytes until flushed. */
    private static final class BufferedSocket extends Socket {
        private OutputStream out;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new BufferedOutputStream(super.getOutputStream(), WRITE_BUFFER);
            }
            return out;
        }
    }
}
