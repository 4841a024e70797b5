package org.jbec.bus.api.message;

import java.util.List;

/**
 * An endpoint object sent in an {@code EndpointInfo} envelope
 * ({@code {endpoint, message_type, message_op}}).
 *
 * @param endpoint    the Redis key
 * @param messageType the message class name
 * @param messageOp   the allowed connector method names
 */
public record EndpointRef(String endpoint, String messageType, List<String> messageOp) {
}
