package org.jbec.bus.redis.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoint;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.MessageCodec;
import org.jbec.bus.api.message.BecMessage;

import redis.clients.jedis.Transaction;

/**
 * Writes collected (checked and encoded at once, so mistakes surface at the call) and executed as
 * one MULTI/EXEC, as BEC's pipelines: e.g. a device's read and readback published together.
 */
final class ConnectorBatch implements Connector.Batch {

    private final MessageCodec codec;
    private final Consumer<Consumer<Transaction>> executor;
    private final List<Consumer<Transaction>> commands = new ArrayList<>();

    ConnectorBatch(MessageCodec codec, Consumer<Consumer<Transaction>> executor) {
        this.codec = codec;
        this.executor = executor;
    }

    /** The message encoded last: a device's reading goes out as read and as readback, encoded once. */
    private BecMessage lastMessage;
    private byte[] lastPayload;

    private <M extends BecMessage> byte[] payload(Endpoint<M> endpoint, String method, M message) {
        endpoint.check(method, message);
        if (message != lastMessage || message == null) {
            lastPayload = codec.encode(message);
            lastMessage = message;
        }
        return lastPayload;
    }

    @Override
    public <M extends BecMessage> void setAndPublish(Endpoint<M> endpoint, M message, Duration expire) {
        byte[] payload = payload(endpoint, "set_and_publish", message);
        commands.add(t -> Writes.setAndPublish(t, Writes.key(endpoint.key()), payload, expire));
    }

    @Override
    public <M extends BecMessage> void send(Endpoint<M> endpoint, M message) {
        byte[] payload = payload(endpoint, "send", message);
        commands.add(t -> t.publish(Writes.key(endpoint.key()), payload));
    }

    @Override
    public <M extends BecMessage> void set(Endpoint<M> endpoint, M message, Duration expire) {
        byte[] payload = payload(endpoint, "set", message);
        commands.add(t -> Writes.set(t, Writes.key(endpoint.key()), payload, expire));
    }

    @Override
    public <M extends BecMessage> void xadd(Endpoint<M> endpoint, M message, Limits limits) {
        byte[] payload = payload(endpoint, "xadd", message);
        commands.add(t -> Writes.xadd(t, Writes.key(endpoint.key()), payload, limits));
    }

    @Override
    public <M extends BecMessage> void lpush(Endpoint<M> endpoint, M message, Limits limits) {
        byte[] payload = payload(endpoint, "lpush", message);
        commands.add(t -> Writes.lpush(t, Writes.key(endpoint.key()), payload, limits));
    }

    @Override
    public <M extends BecMessage> void rpush(Endpoint<M> endpoint, M message, Limits limits) {
        byte[] payload = payload(endpoint, "rpush", message);
        commands.add(t -> Writes.rpush(t, Writes.key(endpoint.key()), payload, limits));
    }

    @Override
    public void delete(Endpoint<?> endpoint) {
        endpoint.check("delete", null);
        commands.add(t -> t.del(Writes.key(endpoint.key())));
    }

    @Override
    public void execute() {
        if (!commands.isEmpty()) {
            List<Consumer<Transaction>> all = List.copyOf(commands);
            commands.clear();
            executor.accept(t -> all.forEach(c -> c.accept(t)));
        }
    }
}
