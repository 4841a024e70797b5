package org.jbec.bus.api.message;

import java.util.List;
import java.util.Map;

/**
 * What a login needs to know.
 * <p>
 * BEC's {@code LoginInfoMessage} (message); components in wire order, after {@code metadata}.
 * Components with {@link Default} may be omitted on the wire; the others are required.
 */
public record LoginInfoMessage(
        Map<String, Object> metadata,
        String host,
        String deployment,
        List<Object> availableAccounts,
        Boolean atlasLogin) implements BecMessage {

    public LoginInfoMessage {
        metadata = Check.metadata(metadata);
        Check.required("LoginInfoMessage.host", host);
        Check.required("LoginInfoMessage.deployment", deployment);
        Check.required("LoginInfoMessage.available_accounts", availableAccounts);
        Check.required("LoginInfoMessage.atlas_login", atlasLogin);
    }
}
