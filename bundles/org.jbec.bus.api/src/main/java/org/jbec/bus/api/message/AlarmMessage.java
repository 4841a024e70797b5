package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * An alarm: severity 0 WARNING, 1 MINOR, 2 MAJOR.
 * <p>
 * BEC's {@code AlarmMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record AlarmMessage(
        Map<String, Object> metadata,
        Long severity,
        ErrorInfo info) implements BecMessage {

    /** Allowed values of {@code severity}. */
    public static final Set<Long> SEVERITY_VALUES = Set.of(0L, 1L, 2L);

    public AlarmMessage {
        metadata = Check.metadata(metadata);
        Check.required("AlarmMessage.severity", severity);
        Check.literal("AlarmMessage.severity", severity, SEVERITY_VALUES);
        Check.required("AlarmMessage.info", info);
    }
}
