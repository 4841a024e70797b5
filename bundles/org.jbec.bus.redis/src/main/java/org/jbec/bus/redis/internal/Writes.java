package org.jbec.bus.redis.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.jbec.bus.api.Limits;

import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XAddParams;

/** The Redis commands of BEC's write operations (bec-protocol.md §1.2), queued on a transaction. */
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

    /** MULTI; SET key payload [EX]; PUBLISH key payload; EXEC. */
    static void setAndPublish(Transaction t, byte[] key, byte[] payload, Duration expire) {
        if (expire == null) {
            t.set(key, payload);
        } else {
            t.set(key, payload, SetParams.setParams().ex(seconds(expire)));
        }
        t.publish(key, payload);
    }

    static void set(Transaction t, byte[] key, byte[] payload, Duration expire) {
        if (expire == null) {
            t.set(key, payload);
        } else {
            t.set(key, payload, SetParams.setParams().ex(seconds(expire)));
        }
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

    /** XADD key [MAXLEN [~] n] * data payload; [EXPIRE key ttl]. */
    static void xadd(Transaction t, byte[] key, byte[] payload, Limits limits) {
        t.xadd(key, xaddParams(limits), Map.of(DATA_FIELD, payload));
        limits.expire().ifPresent(ttl -> t.expire(key, seconds(ttl)));
    }

    /** LPUSH; [LTRIM 0 n-1]; [EXPIRE]. */
    static void lpush(Transaction t, byte[] key, byte[] payload, Limits limits) {
        t.lpush(key, payload);
        if (limits.maxLength() > 0) {
            t.ltrim(key, 0, limits.maxLength() - 1);
        }
        limits.expire().ifPresent(ttl -> t.expire(key, seconds(ttl)));
    }

    /** RPUSH; [LTRIM -n -1]; [EXPIRE]. */
    static void rpush(Transaction t, byte[] key, byte[] payload, Limits limits) {
        t.rpush(key, payload);
        if (limits.maxLength() > 0) {
            t.ltrim(key, -limits.maxLength(), -1);
        }
        limits.expire().ifPresent(ttl -> t.expire(key, seconds(ttl)));
    }

    static long seconds(Duration d) {
        return Math.max(1, d.toSeconds());
    }
}
