package org.jbec.bus.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.jbec.bus.api.RedisAddress;
import org.jbec.bus.api.RedisHealth;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The component against a real Redis server of the test's own. */
@ExtendWith(RedisServerExtension.class)
class JedisConnectorHealthTest {

    @Test
    void answersWithServerVersionAndRoundTrip(PrivateRedis redis) {
        JedisConnector connection = new JedisConnector(config("127.0.0.1", redis.port(), ""));
        try {
            RedisHealth health = connection.check();
            assertTrue(health.connected(), health.error());
            assertEquals(redis.binary().version(), health.serverVersion());
            assertTrue(health.roundTripNanos() > 0);
            assertEquals(new RedisAddress("127.0.0.1", redis.port()), connection.address());
            assertEquals(Optional.empty(), connection.embeddedServer());
        } finally {
            connection.close();
        }
    }

    @Test
    void unreachableServerIsReportedNotThrown() throws Exception {
        int nothingThere = PrivateRedis.freePort();
        JedisConnector connection = new JedisConnector(config("127.0.0.1", nothingThere, "x"));
        try {
            RedisHealth health = connection.check();
            assertFalse(health.connected());
            assertFalse(health.error().isBlank(), "says why");
            assertEquals(Optional.of("x"), connection.embeddedServer());
        } finally {
            connection.close();
        }
    }

    @Test
    void reportsTheServerGoingAway() throws Exception {
        PrivateRedis first = PrivateRedis.start();
        JedisConnector connection = new JedisConnector(config("127.0.0.1", first.port(), ""));
        try {
            assertTrue(connection.check().connected());
            first.close();
            assertFalse(connection.check().connected());
        } finally {
            connection.close();
        }
    }

    static JedisConnector.Config config(String host, int port, String embedded) {
        return new TestConfig(host, port, embedded);
    }
}
