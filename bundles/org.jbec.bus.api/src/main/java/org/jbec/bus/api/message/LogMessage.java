package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * One log record of a service.
 * <p>
 * BEC's {@code LogMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record LogMessage(
        Map<String, Object> metadata,
        String logType,
        Object logMsg) implements BecMessage {

    /** Allowed values of {@code log_type}. */
    public static final Set<String> LOG_TYPE_VALUES = Set.of("trace", "debug", "info", "success", "warning", "error", "critical", "console_log", "console_log_error");

    public LogMessage {
        metadata = Check.metadata(metadata);
        Check.required("LogMessage.log_type", logType);
        Check.literal("LogMessage.log_type", logType, LOG_TYPE_VALUES);
        Check.required("LogMessage.log_msg", logMsg);
    }
}
