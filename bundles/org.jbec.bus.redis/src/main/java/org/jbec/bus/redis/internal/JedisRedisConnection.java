package org.jbec.bus.redis.internal;

import java.util.Optional;

import org.jbec.bus.api.RedisAddress;
import org.jbec.bus.api.RedisConnection;
import org.jbec.bus.api.RedisHealth;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * The framework's Redis connection, configured from the servers configuration (PID
 * {@code org.jbec.bus.redis}, published by the config bundle). Jedis connects lazily, so activation
 * never blocks on the network.
 */
@Component(configurationPid = JedisRedisConnection.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
public final class JedisRedisConnection implements RedisConnection {

    static final String PID = "org.jbec.bus.redis";

    /** Component property type of PID {@code org.jbec.bus.redis}. */
    public @interface Config {
        String host() default "localhost";

        int port() default RedisAddress.DEFAULT_PORT;

        /** Description of the server jBEC started itself; blank for an external server. */
        String embedded() default "";

        int timeoutMillis() default 2000;
    }

    private final Logger logger = LoggerFactory.getLogger(JedisRedisConnection.class);
    private final RedisAddress address;
    private final Optional<String> embedded;
    private final JedisPool pool;

    @Activate
    public JedisRedisConnection(Config config) {
        this.address = new RedisAddress(config.host(), config.port());
        this.embedded = config.embedded().isBlank() ? Optional.empty() : Optional.of(config.embedded());
        this.pool = new JedisPool(new JedisPoolConfig(), new HostAndPort(address.host(), address.port()),
                DefaultJedisClientConfig.builder()
                        .clientName("jbec")
                        .timeoutMillis(config.timeoutMillis())
                        .build());
        logger.info("Redis connection to {}{}", address, embedded.map(e -> " (embedded: " + e + ")").orElse(""));
    }

    @Deactivate
    void close() {
        pool.close();
    }

    @Override
    public RedisAddress address() {
        return address;
    }

    @Override
    public Optional<String> embeddedServer() {
        return embedded;
    }

    @Override
    public RedisHealth check() {
        try (Jedis jedis = pool.getResource()) {
            long start = System.nanoTime();
            jedis.ping();
            long roundTrip = System.nanoTime() - start;
            return RedisHealth.up(serverVersion(jedis.info("server")), roundTrip);
        } catch (RuntimeException e) {
            // transient communication failure: status as data, logged at debug only
            logger.debug("Redis at {} did not answer", address, e);
            return RedisHealth.down(e.getMessage());
        }
    }

    static String serverVersion(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).strip();
            }
        }
        return "unknown";
    }
}
