package org.jbec.bus.api;

import java.util.List;

/**
 * One message received from the bus.
 *
 * @param topic the concrete channel or stream key it came on (for pattern subscriptions, the
 *              matching channel)
 * @param id    the stream entry id, or empty for pub/sub messages
 * @param value the decoded payload: a message, the list of messages of a bundle, or a plain value
 */
public record BusEvent(String topic, String id, Object value) {

    /** The value as the given message class. @throws ClassCastException naming both classes */
    public <T> T as(Class<T> type) {
        if (!type.isInstance(value)) {
            throw new ClassCastException("event on " + topic + " carries "
                    + (value == null ? "nil" : value.getClass().getSimpleName()) + ", not " + type.getSimpleName());
        }
        return type.cast(value);
    }

    /** The messages of a bundle, or the single message as a list of one. */
    public List<?> messages() {
        return value instanceof List<?> list ? list : List.of(value);
    }
}
