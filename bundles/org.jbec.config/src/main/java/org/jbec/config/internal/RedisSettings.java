package org.jbec.config.internal;

import java.util.Map;

import org.jbec.bus.api.RedisAddress;
import org.jbec.config.ServersConfig;

/** The {@code org.jbec.bus.redis} configuration: the file's address unless overridden. */
final class RedisSettings {

    private RedisSettings() {
    }

    /**
     * @param override {@code host:port} from the launcher or {@code JBEC_REDIS}; blank for none
     * @param embedded the launcher's description of the Redis it started; blank for none
     * @throws IllegalArgumentException when the override is not host:port
     */
    static Map<String, Object> of(ServersConfig config, String override, String embedded) {
        RedisAddress address = override.isBlank()
                ? new RedisAddress(config.redis().host(), config.redis().port())
                : RedisAddress.parse(override);
        return Map.of("host", address.host(), "port", address.port(), "embedded", embedded);
    }
}
