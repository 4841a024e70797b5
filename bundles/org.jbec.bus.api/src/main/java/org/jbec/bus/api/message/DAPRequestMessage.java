package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * A data-processing request.
 * <p>
 * BEC's {@code DAPRequestMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record DAPRequestMessage(
        Map<String, Object> metadata,
        String dapCls,
        String dapType,
        Map<String, Object> config) implements BecMessage {

    /** Allowed values of {@code dap_type}. */
    public static final Set<String> DAP_TYPE_VALUES = Set.of("continuous", "on_demand");

    public DAPRequestMessage {
        metadata = Check.metadata(metadata);
        Check.required("DAPRequestMessage.dap_cls", dapCls);
        Check.required("DAPRequestMessage.dap_type", dapType);
        Check.literal("DAPRequestMessage.dap_type", dapType, DAP_TYPE_VALUES);
        Check.required("DAPRequestMessage.config", config);
    }
}
