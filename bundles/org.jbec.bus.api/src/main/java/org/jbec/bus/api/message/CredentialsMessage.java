package org.jbec.bus.api.message;

import java.util.Map;

/**
 * Credentials (ACL).
 * <p>
 * BEC's {@code CredentialsMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record CredentialsMessage(
        Map<String, Object> metadata,
        Map<String, Object> credentials) implements BecMessage {

    public CredentialsMessage {
        metadata = Check.metadata(metadata);
        Check.required("CredentialsMessage.credentials", credentials);
    }
}
