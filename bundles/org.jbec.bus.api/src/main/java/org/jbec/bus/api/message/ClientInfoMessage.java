package org.jbec.bus.api.message;

import java.util.Map;
import java.util.Set;

/**
 * A message for the users' consoles.
 * <p>
 * BEC's {@code ClientInfoMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record ClientInfoMessage(
        Map<String, Object> metadata,
        String message,
        @Default("true") Boolean showAsap,
        @WireName("RID") @Default("null") String RID,
        @Default("null") String source,
        @Default("null") String scope,
        @Default("0") Long severity,
        @Default("60.0") Double expire) implements BecMessage {

    /** Allowed values of {@code source}. */
    public static final Set<String> SOURCE_VALUES = Set.of("bec_ipython_client", "scan_server", "device_server", "scan_bundler", "file_writer", "scihub", "dap");

    public ClientInfoMessage {
        metadata = Check.metadata(metadata);
        Check.required("ClientInfoMessage.message", message);
        Check.literal("ClientInfoMessage.source", source, SOURCE_VALUES);
    }
}
