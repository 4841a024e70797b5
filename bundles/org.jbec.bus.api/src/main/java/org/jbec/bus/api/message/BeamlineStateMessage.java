package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * A beamline state's value.
 * <p>
 * BEC's {@code BeamlineStateMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record BeamlineStateMessage(
        Map<String, Object> metadata,
        String name,
        String status,
        String label,
        @Default("now") Double timestamp) implements BecMessage {

    /** Allowed values of {@code status}. */
    public static final Set<String> STATUS_VALUES = Set.of("valid", "invalid", "warning", "unknown");

    public BeamlineStateMessage {
        metadata = Check.metadata(metadata);
        Check.required("BeamlineStateMessage.name", name);
        Check.required("BeamlineStateMessage.status", status);
        Check.literal("BeamlineStateMessage.status", status, STATUS_VALUES);
        Check.required("BeamlineStateMessage.label", label);
    }
}
