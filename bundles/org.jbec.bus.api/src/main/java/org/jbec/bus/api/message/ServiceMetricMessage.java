package org.jbec.bus.api.message;

import java.util.Map;

/**
 * A service's process metrics.
 * <p>
 * BEC's {@code ServiceMetricMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ServiceMetricMessage(
        Map<String, Object> metadata,
        String name,
        Map<String, Object> metrics) implements BecMessage {

    public ServiceMetricMessage {
        metadata = Check.metadata(metadata);
        Check.required("ServiceMetricMessage.name", name);
        Check.required("ServiceMetricMessage.metrics", metrics);
    }
}
