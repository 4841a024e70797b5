package org.jbec.launcher.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import org.jbec.bus.api.RedisAddress;

/** Tells what answers at an address: a Redis server, nothing, or something else. */
public final class RedisProbe {

    /** What answered. {@code detail} says what was seen when it is not Redis. */
    public record Answer(Kind kind, String detail) {
    }

    public enum Kind {
        /** a Redis server (answered PING, or asked for authentication) */
        REDIS,
        /** connection refused: nothing listens there */
        NOTHING,
        /** something listens but does not speak Redis */
        NOT_REDIS,
        /** the host cannot be reached or resolved */
        UNREACHABLE
    }

    private final int timeoutMillis;

    public RedisProbe(int timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public Answer probe(RedisAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = readLine(socket.getInputStream());
            // +PONG, or an error reply such as -NOAUTH / -DENIED: both are RESP, so it is Redis
            if (reply.equals("+PONG") || reply.startsWith("-NOAUTH") || reply.startsWith("-DENIED")
                    || reply.startsWith("-ERR") || reply.startsWith("-WRONGPASS")) {
                return new Answer(Kind.REDIS, reply);
            }
            return new Answer(Kind.NOT_REDIS, reply.isEmpty() ? "no reply to PING" : "replied '" + printable(reply) + "' to PING");
        } catch (ConnectException e) {
            return new Answer(Kind.NOTHING, "connection refused");
        } catch (SocketTimeoutException e) {
            return new Answer(Kind.NOT_REDIS, "no reply to PING within " + timeoutMillis + " ms");
        } catch (UnknownHostException e) {
            return new Answer(Kind.UNREACHABLE, "unknown host " + address.host());
        } catch (IOException e) {
            return new Answer(Kind.UNREACHABLE, e.getMessage());
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 200) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String printable(String s) {
        return s.codePoints().map(c -> c < 32 || c > 126 ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
