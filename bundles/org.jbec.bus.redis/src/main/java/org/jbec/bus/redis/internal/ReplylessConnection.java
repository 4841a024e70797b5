package org.jbec.bus.redis.internal;

import java.util.List;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;

/**
 * A connection on which Redis sends no replies ({@code CLIENT REPLY OFF}, Redis ≥ 3.2): writes
 * return as soon as they are on the socket. {@link #sync()} asks for one reply to learn that all
 * written before has been executed. Logged in and named as the pooled connections are; not
 * thread-safe (its owner serialises the calls).
 */
final class ReplylessConnection extends Connection {

    /**
     * @throws redis.clients.jedis.exceptions.JedisDataException when Redis refuses to stop replying
     *         (an account without the command): such a connection would fill Redis's memory with
     *         replies nobody reads, so it is never used
     */
    ReplylessConnection(HostAndPort address, JedisClientConfig config) {
        super(BusSocketFactory.withWriteBuffer(address, config), config); // a scan point's answer in one send
        // OFF is silent when it works and answers an error when refused; ON answers OK either way:
        // the first reply is ON's OK, or OFF's refusal
        sendCommand(Protocol.Command.CLIENT, "REPLY", "OFF");
        sendCommand(Protocol.Command.CLIENT, "REPLY", "ON");
        Object first = getOne();
        if (first instanceof redis.clients.jedis.exceptions.JedisDataException refused) {
            close();
            throw refused;
        }
        sendCommand(Protocol.Command.CLIENT, "REPLY", "OFF");
        flush();
    }

    /** The commands, as one MULTI/EXEC when more than one; flushed before returning. */
    void write(List<CommandArguments> commands) {
        boolean atomic = commands.size() > 1;
        if (atomic) {
            sendCommand(Protocol.Command.MULTI);
        }
        for (CommandArguments command : commands) {
            sendCommand(command);
        }
        if (atomic) {
            sendCommand(Protocol.Command.EXEC);
        }
        flush();
    }

    /** Returns once Redis has executed everything written before (one round trip). */
    void sync() {
        sendCommand(Protocol.Command.CLIENT, "REPLY", "ON");
        getOne(); // Redis answers in order: everything before ran
        sendCommand(Protocol.Command.CLIENT, "REPLY", "OFF");
        flush();
    }
}
