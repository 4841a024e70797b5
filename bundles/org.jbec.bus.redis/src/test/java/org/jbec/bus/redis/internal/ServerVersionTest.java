package org.jbec.bus.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServerVersionTest {

    @Test
    void readsVersionFromInfoServerSection() {
        String info = "# Server\r\nredis_version:7.0.15\r\nredis_git_sha1:00000000\r\n";
        assertEquals("7.0.15", JedisConnector.serverVersion(info));
    }

    @Test
    void unknownWhenInfoHasNoVersion() {
        assertEquals("unknown", JedisConnector.serverVersion("# Server\r\n"));
    }
}
