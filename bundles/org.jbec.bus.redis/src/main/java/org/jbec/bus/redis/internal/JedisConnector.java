package org.jbec.bus.redis.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.BusUnavailableException;
import org.jbec.bus.api.CodecException;
import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoint;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.MessageCodec;
import org.jbec.bus.api.RedisAddress;
import org.jbec.bus.api.RedisConnection;
import org.jbec.bus.api.RedisHealth;
import org.jbec.bus.api.StreamStart;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.BecMessage;
import org.jbec.bus.redis.internal.codec.MsgpackCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The framework's connection to the bus: {@link RedisConnection} (health) and {@link Connector}
 * (BEC's operations), configured from the servers configuration (PID {@code org.jbec.bus.redis}).
 * Commands use a pool; pub/sub and streams have a connection and a reader thread each; callbacks run
 * on the dispatcher thread. Activation starts the readers and returns at once.
 */
@Component(configurationPid = JedisConnector.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {Connector.class, RedisConnection.class, org.jbec.bus.api.AclAdmin.class})
public final class JedisConnector implements Connector, RedisConnection, org.jbec.bus.api.AclAdmin {

    static final String PID = "org.jbec.bus.redis";

    /** Component property type of PID {@code org.jbec.bus.redis}. */
    public @interface Config {
        String host() default "localhost";

        int port() default RedisAddress.DEFAULT_PORT;

        /** Description of the server jBEC started itself; blank for an external server. */
        String embedded() default "";

        int timeoutMillis() default 2000;

        long reconnectInitialMillis() default 100;

        /** BEC's cap. */
        long reconnectMaxMillis() default 30_000;

        /**
         * jBEC: how long a read or write waits for Redis to come back before it fails. Services stall
         * through a short outage (a Redis restart) instead of failing what they were doing.
         */
        long outageWaitMillis() default 60_000;

        /** The ACL user the bus authenticates as (enforce_acls); blank: Redis's default user. */
        String user() default "";

        /** Its password (a private property: ConfigAdmin's {@code .password}). */
        String _password() default "";

        /** enforce_acls: the bus sets up BEC's ACL accounts in Redis and logs in as {@link #user()}. */
        boolean acl() default false;
    }

    private final Logger logger = LoggerFactory.getLogger(JedisConnector.class);
    private final RedisEndpoint redis;
    private final Optional<String> embedded;
    private final JedisPool pool;
    private final MessageCodec codec = new MsgpackCodec();
    private final Dispatcher dispatcher = new Dispatcher(codec, "jbec-bus-dispatch");
    private final ConnectionTracker tracker;
    private final OutageWaits outages;
    private final PubSubLoop pubsub;
    private final StreamReader streams;
    private final ExecutorService readers = Executors.newFixedThreadPool(2, Dispatcher.named("jbec-bus-reader"));
    private final boolean acl;
    private final AclAdministration aclAdministration;
    private final redis.clients.jedis.CommandObjects commandObjects = new redis.clients.jedis.CommandObjects();
    private final UnacknowledgedWrites unacknowledged;
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(Dispatcher.named("jbec-bus-newest-only"));

    @Activate
    public JedisConnector(Config config) {
        RedisAddress address = new RedisAddress(config.host(), config.port());
        this.acl = config.acl() && !config.user().isBlank();
        this.redis = new RedisEndpoint(address, config.timeoutMillis(), config.user(), config._password(),
                acl ? this::provisionAcl : () -> { });
        this.aclAdministration = new AclAdministration(redis, codec, acl, this::withJedis);
        this.embedded = config.embedded().isBlank() ? Optional.empty() : Optional.of(config.embedded());
        long outageWaitNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(config.outageWaitMillis());
        JedisPoolConfig poolConfig = new JedisPoolConfig();
        poolConfig.setMaxTotal(32);
        this.pool = new JedisPool(poolConfig, redis.hostAndPort(), redis.clientConfig("jbec"));
        // pooled connections from before an outage are dead: drop them before reporting CONNECTED
        this.unacknowledged = new UnacknowledgedWrites(redis);
        this.tracker = new ConnectionTracker(dispatcher, address.toString(), () -> {
            pool.clear();
            unacknowledged.disconnect();
        });
        ConnectionTracker.Part pubsubPart = tracker.part("pubsub");
        ConnectionTracker.Part streamsPart = tracker.part("streams");
        this.pubsub = new PubSubLoop(redis, dispatcher,
                new Backoff(config.reconnectInitialMillis(), config.reconnectMaxMillis()), pubsubPart);
        this.streams = new StreamReader(redis, dispatcher,
                new Backoff(config.reconnectInitialMillis(), config.reconnectMaxMillis()), streamsPart);
        pubsubPart.proveWith(pubsub::prove);
        streamsPart.proveWith(streams::prove);
        this.outages = new OutageWaits(tracker, pubsub, pubsubPart, redis.toString(), outageWaitNanos);
        if (acl) {
            readers.execute(aclAdministration::provisionAcl); // before the readers log in (they retry until it is done)
        }
        readers.execute(pubsub);
        readers.execute(streams);
        poller.scheduleWithFixedDelay(() -> unacknowledged.confirmQuietly(tracker.state() == ConnectionState.CONNECTED),
                100, 100, TimeUnit.MILLISECONDS);
        logger.info("Redis connection to {}{}", address, embedded.map(e -> " (embedded: " + e + ")").orElse(""));
    }

    /**
     * A connector outside a framework (tools, benchmarks, tests): the configuration's defaults, the
     * given host and port.
     */
    public static JedisConnector open(String host, int port) {
        return open(host, port, "", "");
    }

    /** As {@link #open(String, int)}, logged in as an ACL account (a user's client, a tool). */
    public static JedisConnector open(String host, int port, String user, String password) {
        Config config = (Config) java.lang.reflect.Proxy.newProxyInstance(Config.class.getClassLoader(),
                new Class<?>[] {Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "host" -> host;
                    case "port" -> port;
                    case "user" -> user;
                    case "_password" -> password;
                    case "annotationType" -> Config.class;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "JedisConnector.Config[" + host + ":" + port + "]";
                    default -> method.getDefaultValue();
                });
        return new JedisConnector(config);
    }

    @Deactivate
    public void close() {
        tracker.closed();
        pubsub.close();
        streams.close();
        poller.shutdownNow();
        readers.shutdownNow();
        pool.close();
        unacknowledged.disconnect();
        dispatcher.close();
    }

    // ---- RedisConnection

    @Override
    public RedisAddress address() {
        return redis.address();
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
            logger.debug("Redis at {} did not answer", redis, e);
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

    // ---- ACL accounts (enforce_acls): see AclAdministration

    /** Called by the endpoint when Redis refuses the services' account (a Redis that lost its ACLs). */
    private void provisionAcl() {
        aclAdministration.provisionAcl();
    }

    @Override
    public boolean enforced() {
        return aclAdministration.enforced();
    }

    @Override
    public String addUser(String name, boolean admin) {
        return aclAdministration.addUser(name, admin);
    }

    @Override
    public boolean removeUser(String name) {
        return aclAdministration.removeUser(name);
    }

    @Override
    public Map<String, String> users() {
        return aclAdministration.users();
    }

    @Override
    public List<String> redisAcl() {
        return aclAdministration.redisAcl();
    }

    @Override
    public Optional<String> authenticate(String name, String token) {
        return aclAdministration.authenticate(name, token);
    }

    @Override
    public boolean permits(String name, String command, String... args) {
        return aclAdministration.permits(name, command, args);
    }

    // ---- writes

    /**
     * Runs a command; when Redis is unreachable it waits for the bus to be connected again (the readers
     * resubscribed, so nothing written afterwards is missed by this connector's own subscribers) and
     * tries again, until the outage has lasted {@link Config#outageWaitMillis()}. A command whose reply was lost may have
     * run: Redis restarts drop the connection before a command rather than after it, in practice.
     */
    private <T> T withJedis(String what, Function<Jedis, T> action) {
        return outages.through(what, () -> {
            try (Jedis jedis = pool.getResource()) {
                return action.apply(jedis);
            } catch (JedisConnectionException e) {
                pool.clear(); // its idle siblings are most likely broken the same way
                throw e;
            }
        });
    }

    /**
     * A write of several commands as one MULTI/EXEC on a pooled connection, named by its endpoint when
     * Redis is unreachable: the batch's commands, so single writes and batches send the same ones.
     */
    private Batch transaction(Endpoint<?> endpoint) {
        return new ConnectorBatch(codec, commandObjects, commands -> writeAcknowledged(endpoint.key(), commands));
    }

    @Override
    public <M extends BecMessage> void setAndPublish(Endpoint<M> endpoint, M message, Duration expire) {
        Batch t = transaction(endpoint);
        t.setAndPublish(endpoint, message, expire);
        t.execute();
    }

    @Override
    public <M extends BecMessage> void send(Endpoint<M> endpoint, M message) {
        endpoint.check("send", message);
        byte[] payload = codec.encode(message);
        withJedis(endpoint.key(), jedis -> jedis.publish(Writes.key(endpoint.key()), payload));
    }

    @Override
    public <M extends BecMessage> void set(Endpoint<M> endpoint, M message, Duration expire) {
        endpoint.check("set", message);
        byte[] payload = codec.encode(message);
        withJedis(endpoint.key(), jedis -> expire == null ? jedis.set(Writes.key(endpoint.key()), payload)
                : jedis.set(Writes.key(endpoint.key()), payload, SetParams.setParams().ex(Writes.seconds(expire))));
    }

    @Override
    public <M extends BecMessage> void xadd(Endpoint<M> endpoint, M message, Limits limits) {
        if (limits.expire().isEmpty()) {
            endpoint.check("xadd", message);
            byte[] payload = codec.encode(message);
            withJedis(endpoint.key(), jedis -> jedis.xadd(Writes.key(endpoint.key()), Writes.xaddParams(limits),
                    Map.of(Writes.DATA_FIELD, payload)));
        } else {
            Batch t = transaction(endpoint);
            t.xadd(endpoint, message, limits);
            t.execute();
        }
    }

    @Override
    public <M extends BecMessage> void lpush(Endpoint<M> endpoint, M message, Limits limits) {
        Batch t = transaction(endpoint);
        t.lpush(endpoint, message, limits);
        t.execute();
    }

    @Override
    public <M extends BecMessage> void rpush(Endpoint<M> endpoint, M message, Limits limits) {
        Batch t = transaction(endpoint);
        t.rpush(endpoint, message, limits);
        t.execute();
    }

    @Override
    public void delete(Endpoint<?> endpoint) {
        endpoint.check("delete", null);
        withJedis(endpoint.key(), jedis -> jedis.del(Writes.key(endpoint.key())));
    }

    @Override
    public Batch batch() {
        return new ConnectorBatch(codec, commandObjects, commands -> writeAcknowledged("batch", commands));
    }

    /** A batch as one MULTI/EXEC on a pooled connection, returning once Redis has answered. */
    private void writeAcknowledged(String what, List<redis.clients.jedis.CommandArguments> commands) {
        withJedis(what, jedis -> {
            Writes.transaction(jedis.getConnection(), commands);
            return null;
        });
    }

    @Override
    public Batch unacknowledgedBatch() {
        return new ConnectorBatch(codec, commandObjects, this::writeUnacknowledged);
    }

    /**
     * Writes on the reply-less connection, in the order callers get its lock. A broken connection is
     * replaced, and what was written on it since its last confirmed point is written again first
     * (readers are fine with a repeat: the device server answers a known instruction id without
     * running it again, the bundler emits each point once); as {@link #withJedis}, it waits through
     * an outage until that has lasted too long.
     */
    private void writeUnacknowledged(List<redis.clients.jedis.CommandArguments> commands) {
        boolean[] queued = {false};
        boolean taken = outages.through("an unacknowledged batch", () -> {
            if (queued[0]) {
                unacknowledged.push(); // the batch is queued already: write what the new connection lacks
                return true;
            }
            queued[0] = true;
            return unacknowledged.write(commands);
        });
        if (!taken) {
            writeAcknowledged("batch", commands); // Redis refuses reply-less connections: wait for the reply after all
        }
    }

    // ---- reads

    @Override
    public <M extends BecMessage> Optional<M> get(Endpoint<M> endpoint) {
        endpoint.check("get", null);
        byte[] payload = withJedis(endpoint.key(), jedis -> jedis.get(Writes.key(endpoint.key())));
        return payload == null ? Optional.empty() : Optional.of(typed(endpoint, codec.decode(payload)));
    }

    private static <M extends BecMessage> M typed(Endpoint<M> endpoint, Object value) {
        if (!endpoint.messageType().isInstance(value)) {
            throw new CodecException(endpoint.key() + " holds " + (value == null ? "nil" : value.getClass().getSimpleName())
                    + ", not " + endpoint.messageType().getSimpleName());
        }
        return endpoint.messageType().cast(value);
    }

    @Override
    public List<String> keys(Endpoint<?> pattern) {
        pattern.check("keys", null);
        return withJedis(pattern.key(), jedis -> new ArrayList<>(jedis.keys(pattern.key())));
    }

    @Override
    public <M extends BecMessage> List<M> lrange(Endpoint<M> endpoint, long start, long end) {
        endpoint.check("lrange", null);
        List<byte[]> raw = withJedis(endpoint.key(), jedis -> jedis.lrange(Writes.key(endpoint.key()), start, end));
        List<M> out = new ArrayList<>(raw.size());
        raw.forEach(bytes -> out.add(typed(endpoint, codec.decode(bytes))));
        return out;
    }

    @Override
    public long llen(Endpoint<?> endpoint) {
        endpoint.check("llen", null);
        return withJedis(endpoint.key(), jedis -> jedis.llen(Writes.key(endpoint.key())));
    }

    @Override
    public <M extends BecMessage> long lrem(Endpoint<M> endpoint, long count, M message) {
        endpoint.check("lrem", message);
        byte[] payload = codec.encode(message);
        return withJedis(endpoint.key(), jedis -> jedis.lrem(Writes.key(endpoint.key()), count, payload));
    }

    @Override
    public void ltrim(Endpoint<?> endpoint, long start, long end) {
        endpoint.check("ltrim", null);
        withJedis(endpoint.key(), jedis -> jedis.ltrim(Writes.key(endpoint.key()), start, end));
    }

    @Override
    public <M extends BecMessage> Optional<M> blockingListPop(Endpoint<M> endpoint, Duration timeout,
            boolean fromRight) {
        endpoint.check("blocking_list_pop", null);
        return pop(endpoint, timeout, fromRight).map(bytes -> typed(endpoint, codec.decode(bytes)));
    }

    /** B(L|R)POP on a connection of its own (it blocks longer than the pool's socket timeout). */
    private Optional<byte[]> pop(Endpoint<?> endpoint, Duration timeout, boolean fromRight) {
        double seconds = Math.max(0.01, timeout.toMillis() / 1000.0);
        try (Jedis jedis = new Jedis(redis.hostAndPort(), redis.clientConfig("jbec-pop"))) {
            jedis.getConnection().setTimeoutInfinite();
            var reply = fromRight ? jedis.brpop(seconds, Writes.key(endpoint.key()))
                    : jedis.blpop(seconds, Writes.key(endpoint.key()));
            return reply == null ? Optional.empty() : Optional.of(reply.getValue());
        } catch (JedisConnectionException e) {
            throw new BusUnavailableException("Redis at " + redis + " unreachable during " + endpoint.key(), e);
        }
    }

    @Override
    public <M extends BecMessage> java.util.Set<M> setMembers(Endpoint<M> endpoint) {
        endpoint.check("get_set_members", null);
        java.util.Set<byte[]> raw = withJedis(endpoint.key(), jedis -> jedis.smembers(Writes.key(endpoint.key())));
        java.util.Set<M> out = new java.util.LinkedHashSet<>();
        raw.forEach(bytes -> out.add(typed(endpoint, codec.decode(bytes))));
        return out;
    }

    @Override
    public <M extends BecMessage> void removeFromSet(Endpoint<M> endpoint, M message) {
        endpoint.check("remove_from_set", message);
        byte[] payload = codec.encode(message);
        withJedis(endpoint.key(), jedis -> jedis.srem(Writes.key(endpoint.key()), payload));
    }

    @Override
    public <M extends BecMessage> Optional<M> blockingListPopToSetAdd(Endpoint<M> list, Endpoint<M> set,
            Duration timeout, boolean fromRight) {
        list.check("blocking_list_pop", null);
        if (set.op() != org.jbec.bus.api.MessageOp.SET) {
            throw new IllegalArgumentException("endpoint " + set.key() + " (" + set.op() + ") is not a SET endpoint");
        }
        Optional<byte[]> popped = pop(list, timeout, fromRight);
        popped.ifPresent(bytes -> withJedis(set.key(), jedis -> jedis.sadd(Writes.key(set.key()), bytes)));
        return popped.map(bytes -> typed(list, codec.decode(bytes)));
    }

    @Override
    public List<BusEvent> lastEntries(Endpoint<?> endpoint, int count) {
        endpoint.check("get_last", null);
        List<RawStreams.Entry> newestFirst = RawStreams.entries(withJedis(endpoint.key(), jedis -> jedis.xrevrange(
                Writes.key(endpoint.key()), bytes("+"), bytes("-"), count)));
        List<BusEvent> out = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            out.add(event(endpoint.key(), newestFirst.get(i)));
        }
        return out;
    }

    @Override
    public List<BusEvent> xrange(Endpoint<?> endpoint, String from, String to) {
        endpoint.check("xrange", null);
        List<BusEvent> out = new ArrayList<>();
        RawStreams.entries(withJedis(endpoint.key(), jedis -> jedis.xrange(Writes.key(endpoint.key()), bytes(from),
                bytes(to)))).forEach(e -> out.add(event(endpoint.key(), e)));
        return out;
    }

    private BusEvent event(String key, RawStreams.Entry entry) {
        return new BusEvent(key, entry.id(), entry.data() == null ? null : codec.decode(entry.data()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ---- subscriptions

    @Override
    public Subscription subscribe(Endpoint<?> endpoint, Consumer<BusEvent> callback) {
        endpoint.check("register", null);
        boolean pattern = endpoint.isPattern();
        pubsub.add(endpoint.key(), pattern, callback);
        return new KeySubscription(endpoint.key(), () -> pubsub.remove(endpoint.key(), pattern, callback));
    }

    @Override
    public Subscription subscribeStream(Endpoint<?> endpoint, StreamStart start, Consumer<BusEvent> callback) {
        endpoint.check("register_stream", null);
        String key = endpoint.key();
        if (start == StreamStart.NEWEST_ONLY) {
            NewestOnlyPoll poll = new NewestOnlyPoll(key, callback);
            var future = poller.scheduleWithFixedDelay(poll, 0, 100, TimeUnit.MILLISECONDS);
            return new KeySubscription(key, () -> future.cancel(false));
        }
        StreamReader.StreamSub sub;
        if (start == StreamStart.FROM_START) {
            List<RawStreams.Entry> history = RawStreams.entries(withJedis(key, jedis -> jedis.xrange(Writes.key(key),
                    bytes("-"), bytes("+"))));
            sub = new StreamReader.StreamSub(key, callback, "0-0");
            streams.deliverTo(sub, history);
        } else {
            List<RawStreams.Entry> newest = RawStreams.entries(withJedis(key, jedis -> jedis.xrevrange(Writes.key(key),
                    bytes("+"), bytes("-"), 1)));
            sub = new StreamReader.StreamSub(key, callback, newest.isEmpty() ? "0-0" : newest.get(0).id());
        }
        streams.add(sub);
        return new KeySubscription(key, () -> streams.remove(sub));
    }

    /** BEC's newest_only: the newest entry, polled; entries in between are skipped on purpose. */
    private final class NewestOnlyPoll implements Runnable {
        private final String key;
        private final Consumer<BusEvent> callback;
        private String lastId = "";

        NewestOnlyPoll(String key, Consumer<BusEvent> callback) {
            this.key = key;
            this.callback = callback;
        }

        @Override
        public void run() {
            try (Jedis jedis = pool.getResource()) {
                List<RawStreams.Entry> newest = RawStreams.entries(jedis.xrevrange(Writes.key(key), bytes("+"),
                        bytes("-"), 1));
                if (!newest.isEmpty() && !newest.get(0).id().equals(lastId)) {
                    RawStreams.Entry entry = newest.get(0);
                    lastId = entry.id();
                    if (entry.data() != null) {
                        dispatcher.deliver(key, entry.id(), entry.data(), List.of(callback));
                    }
                }
            } catch (JedisException e) {
                logger.debug("newest-only poll of {} failed", key, e);
            }
        }
    }

    // ---- state

    @Override
    public ConnectionState state() {
        return tracker.state();
    }

    @Override
    public Subscription onStateChange(Consumer<ConnectionState> listener) {
        tracker.listeners().add(listener);
        return new KeySubscription("state", () -> tracker.listeners().remove(listener));
    }

    @Override
    public long decodeErrors() {
        return dispatcher.decodeErrors();
    }

    private record KeySubscription(String key, Runnable remove) implements Subscription {
        @Override
        public void close() {
            remove.run();
        }
    }
}
