package org.jbec.bus.redis.internal;

import org.jbec.bus.api.RedisAddress;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/** Where Redis is and how to open a dedicated connection to it (for blocking readers). */
record RedisEndpoint(RedisAddress address, int timeoutMillis, String user, String password, Runnable onAuthFailure) {

    RedisEndpoint(RedisAddress address, int timeoutMillis) {
        this(address, timeoutMillis, "", "", () -> { });
    }

    /** The same server without credentials (Redis's default user). */
    JedisClientConfig anonymousConfig(String clientName) {
        return DefaultJedisClientConfig.builder().clientName(clientName).timeoutMillis(timeoutMillis).build();
    }

    /** With an ACL user (enforce_acls): every connection authenticates as it. */
    JedisClientConfig clientConfig(String clientName) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder().clientName(clientName)
                .timeoutMillis(timeoutMillis);
        if (user != null && !user.isEmpty()) {
            b.user(user).password(password);
        }
        return b.build();
    }

    /** A connection's settings for logging in as another account (checking its credentials). */
    JedisClientConfig clientConfigAs(String otherUser, String otherPassword) {
        return DefaultJedisClientConfig.builder().clientName("jbec-login-check").timeoutMillis(timeoutMillis)
                .user(otherUser).password(otherPassword).build();
    }

    HostAndPort hostAndPort() {
        return new HostAndPort(address.host(), address.port());
    }

    /**
     * A connection for a blocking reader. A refused login (a Redis restarted without its ACL accounts)
     * puts the accounts back once and tries again.
     */
    Jedis newConnection() {
        try {
            return connected(readerConnection());
        } catch (redis.clients.jedis.exceptions.JedisAccessControlException e) {
            onAuthFailure.run();
            return connected(readerConnection());
        }
    }

    private Jedis readerConnection() {
        JedisClientConfig config = clientConfig("jbec-reader");
        return new Jedis(BusSocketFactory.forReader(hostAndPort(), config), config);
    }

    private static Jedis connected(Jedis jedis) {
        try {
            jedis.connect();
            jedis.ping();
            return jedis;
        } catch (RuntimeException e) {
            jedis.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return address.toString() + (user == null || user.isEmpty() ? "" : " as " + user);
    }
}
