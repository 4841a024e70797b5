package org.jbec.bus.redis.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoint;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.MessageCodec;
import org.jbec.bus.api.message.BecMessage;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.args.Rawable;

/**
 * Writes collected (checked and encoded at once, so mistakes surface at the call) and handed over
 * as Redis commands in one go, as BEC's pipelines: e.g. a device's read and readback published
 * together. What runs them (a MULTI/EXEC waiting for its reply, or one that does not wait) is the
 * connector's choice.
 */
final class ConnectorBatch implements Connector.Batch {

    private final MessageCodec codec;
    private final CommandObjects redis;
    private final Consumer<List<CommandArguments>> executor;
    private final List<CommandArguments> commands = new ArrayList<>();
    /** The message encoded last: a device's reading goes out as read and as readback, encoded once. */
    private BecMessage lastMessage;
    private byte[] lastPayload;

    ConnectorBatch(MessageCodec codec, CommandObjects redis, Consumer<List<CommandArguments>> executor) {
        this.codec = codec;
        this.redis = redis;
        this.executor = executor;
    }

    private <M extends BecMessage> byte[] payload(Endpoint<M> endpoint, String method, M message) {
        endpoint.check(method, message);
        if (message != lastMessage || message == null) {
            lastPayload = codec.encode(message);
            lastMessage = message;
        }
        return lastPayload;
    }

    /**
     * A payload as a command argument without the copy Jedis makes of every byte array it is given:
     * our payloads are never changed after encoding, and a scan point publishes some twenty.
     */
    private record Shared(byte[] bytes) implements Rawable {
        @Override
        public byte[] getRaw() {
            return bytes;
        }
    }

    private void set(byte[] key, byte[] payload, Duration expire) {
        CommandArguments set = new CommandArguments(Protocol.Command.SET).add(new Shared(key)).add(new Shared(payload));
        if (expire != null) {
            set.add(Protocol.Keyword.EX).add(Writes.seconds(expire));
        }
        commands.add(set);
    }

    private void publish(byte[] key, byte[] payload) {
        commands.add(new CommandArguments(Protocol.Command.PUBLISH).add(new Shared(key)).add(new Shared(payload)));
    }

    private void expire(byte[] key, Limits limits) {
        limits.expire().ifPresent(ttl -> commands.add(redis.expire(key, Writes.seconds(ttl)).getArguments()));
    }

    @Override
    public <M extends BecMessage> void setAndPublish(Endpoint<M> endpoint, M message, Duration expire) {
        byte[] payload = payload(endpoint, "set_and_publish", message);
        byte[] key = Writes.key(endpoint.key());
        set(key, payload, expire);
        publish(key, payload);
    }

    @Override
    public <M extends BecMessage> void send(Endpoint<M> endpoint, M message) {
        publish(Writes.key(endpoint.key()), payload(endpoint, "send", message));
    }

    @Override
    public <M extends BecMessage> void set(Endpoint<M> endpoint, M message, Duration expire) {
        set(Writes.key(endpoint.key()), payload(endpoint, "set", message), expire);
    }

    @Override
    public <M extends BecMessage> void xadd(Endpoint<M> endpoint, M message, Limits limits) {
        byte[] payload = payload(endpoint, "xadd", message);
        byte[] key = Writes.key(endpoint.key());
        commands.add(redis.xadd(key, Writes.xaddParams(limits), Map.of(Writes.DATA_FIELD, payload)).getArguments());
        expire(key, limits);
    }

    @Override
    public <M extends BecMessage> void lpush(Endpoint<M> endpoint, M message, Limits limits) {
        byte[] payload = payload(endpoint, "lpush", message);
        byte[] key = Writes.key(endpoint.key());
        commands.add(redis.lpush(key, payload).getArguments());
        if (limits.maxLength() > 0) {
            commands.add(redis.ltrim(key, 0, limits.maxLength() - 1).getArguments());
        }
        expire(key, limits);
    }

    @Override
    public <M extends BecMessage> void rpush(Endpoint<M> endpoint, M message, Limits limits) {
        byte[] payload = payload(endpoint, "rpush", message);
        byte[] key = Writes.key(endpoint.key());
        commands.add(redis.rpush(key, payload).getArguments());
        if (limits.maxLength() > 0) {
            commands.add(redis.ltrim(key, -limits.maxLength(), -1).getArguments());
        }
        expire(key, limits);
    }

    @Override
    public void delete(Endpoint<?> endpoint) {
        endpoint.check("delete", null);
        commands.add(redis.del(Writes.key(endpoint.key())).getArguments());
    }

    @Override
    public void execute() {
        if (!commands.isEmpty()) {
            List<CommandArguments> all = List.copyOf(commands);
            commands.clear();
            lastMessage = null;
            executor.accept(all);
        }
    }
}
