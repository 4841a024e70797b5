package org.jbec.bus.redis.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jbec.bus.api.Limits;

import redis.clients.jedis.params.XAddParams;

/** Helpers for the Redis commands of BEC's write operations (bec-protocol.md §1.2); ConnectorBatch builds them. */
final class Writes {

    static final byte[] DATA_FIELD = "data".getBytes(StandardCharsets.US_ASCII);

    private Writes() {
    }

    /**
     * Runs commands on a connection as one MULTI/EXEC and reads the replies.
     * As Jedis's transactions: a command Redis refused while queueing aborts the whole (EXECABORT,
     * thrown); errors of commands that ran are not reported.
     */
    static void transaction(redis.clients.jedis.Connection connection, java.util.List<redis.clients.jedis.CommandArguments> commands) {
        connection.sendCommand(redis.clients.jedis.Protocol.Command.MULTI);
        commands.forEach(connection::sendCommand);
        connection.sendCommand(redis.clients.jedis.Protocol.Command.EXEC);
        java.util.List<Object> replies = connection.getMany(commands.size() + 2);
        Object last = replies.get(replies.size() - 1);
        if (last instanceof redis.clients.jedis.exceptions.JedisDataException refused) {
            throw refused;
        }
    }

    static byte[] key(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    static XAddParams xaddParams(Limits limits) {
        XAddParams params = XAddParams.xAddParams();
        if (limits.maxLength() > 0) {
            params.maxLen(limits.maxLength());
            if (limits.approximate()) {
                params.approximateTrimming();
            } else {
                params.exactTrimming();
            }
        }
        return params;
    }

    static long seconds(Duration d) {
        return Math.max(1, d.toSeconds());
    }
}
