package org.jbec.bus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedisAddressTest {

    @Test
    void parsesHostAndPort() {
        assertEquals(new RedisAddress("redis.psi.ch", 6380), RedisAddress.parse("redis.psi.ch:6380"));
        assertEquals(new RedisAddress("localhost", 6379), RedisAddress.parse("localhost"));
        assertEquals(new RedisAddress("::1", 7000), RedisAddress.parse("[::1]:7000"));
        assertEquals("[::1]:7000", RedisAddress.parse("[::1]:7000").toString());
        assertEquals("localhost:6379", RedisAddress.parse(" localhost:6379 ").toString());
    }

    @Test
    void rejectsWhatIsNotAnAddressNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("host:abc"));
        assertTrue(e.getMessage().contains("'host:abc'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse(":6379"));
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("host:0"));
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("host:70000"));
        assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("[::1"));
    }

    @Test
    void knowsLoopbackAddresses() {
        assertTrue(RedisAddress.parse("localhost:1").isLoopback());
        assertTrue(RedisAddress.parse("127.0.0.1:1").isLoopback());
        assertTrue(RedisAddress.parse("[::1]:1").isLoopback());
        assertFalse(RedisAddress.parse("10.0.0.1:1").isLoopback());
    }
}
