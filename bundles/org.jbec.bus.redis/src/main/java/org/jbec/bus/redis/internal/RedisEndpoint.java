package org.jbec.bus.redis.internal;

import org.jbec.bus.api.RedisAddress;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/** Where Redis is and how to open a dedicated connection to it (for blocking readers). */
record RedisEndpoint(RedisAddress address, int timeoutMillis) {

    JedisClientConfig clientConfig(String clientName) {
        return DefaultJedisClientConfig.builder().clientName(clientName).timeoutMillis(timeoutMillis).build();
    }

    HostAndPort hostAndPort() {
        return new HostAndPort(address.host(), address.port());
    }

    Jedis newConnection() {
        Jedis jedis = new Jedis(hostAndPort(), clientConfig("jbec-reader"));
        jedis.connect();
        return jedis;
    }

    @Override
    public String toString() {
        return address.toString();
    }
}
