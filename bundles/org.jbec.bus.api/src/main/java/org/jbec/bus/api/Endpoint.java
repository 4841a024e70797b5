package org.jbec.bus.api;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jbec.bus.api.message.BecMessage;

/**
 * A Redis key of the bus with the message class it carries and the operations it allows (BEC's
 * {@code EndpointInfo}). A key containing {@code *} is a pattern (for pattern subscriptions and
 * key listings).
 *
 * @param key         the Redis key or pattern
 * @param messageType the message class; {@code BecMessage.class} for endpoints that take any message
 * @param op          the operation class
 */
public record Endpoint<M extends BecMessage>(String key, Class<M> messageType, MessageOp op) {

    public Endpoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(op, "op");
    }

    public boolean isPattern() {
        return key.indexOf('*') >= 0;
    }

    /**
     * Checks a connector call as BEC's {@code validate_endpoint} does.
     *
     * @param method  the connector method (BEC's name, e.g. {@code set_and_publish})
     * @param message the message passed, or null when the method takes none
     * @throws IllegalArgumentException naming the endpoint, the method or the message class
     */
    public void check(String method, Object message) {
        if (!op.methods().contains(method)) {
            throw new IllegalArgumentException("endpoint " + key + " (" + op + ") does not allow " + method
                    + "; it allows " + op.methods().stream().sorted().collect(Collectors.joining(", ")));
        }
        if (message != null) {
            checkMessage(message);
        }
    }

    private void checkMessage(Object message) {
        if (message instanceof Iterable<?> many) {
            many.forEach(this::checkMessage);
        } else if (!messageType.isInstance(message)) {
            throw new IllegalArgumentException("endpoint " + key + " takes " + messageType.getSimpleName() + ", not "
                    + message.getClass().getSimpleName());
        }
    }

    /** Names of the methods allowed, as BEC's {@code EndpointInfo.message_op} lists them. */
    public Set<String> methods() {
        return op.methods();
    }
}
