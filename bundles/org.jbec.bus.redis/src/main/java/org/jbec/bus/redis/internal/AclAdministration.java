package org.jbec.bus.redis.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jbec.bus.api.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The connector's side of BEC's ACLs (enforce_acls): setting up the accounts in a Redis, adding and
 * removing users' accounts, checking a login and what an account may do. The rules themselves are
 * {@link AclAccounts}; the connector offers this as its {@link org.jbec.bus.api.AclAdmin} service.
 */
final class AclAdministration {

    /** How it runs commands: the connector's pool, waiting through a short outage. */
    interface Commands {
        <T> T withJedis(String what, Function<Jedis, T> action);
    }

    private final Logger logger = LoggerFactory.getLogger(AclAdministration.class);
    private final RedisEndpoint redis;
    private final MessageCodec codec;
    private final boolean acl;
    private final Commands commands;

    AclAdministration(RedisEndpoint redis, MessageCodec codec, boolean acl, Commands commands) {
        this.redis = redis;
        this.codec = codec;
        this.acl = acl;
        this.commands = commands;
    }

    /**
     * Makes Redis enforce BEC's ACLs: logs in as the services' account, or, on a Redis that does not
     * know it yet (first start, a restart without persistence), as Redis's open default user; then
     * puts back every stored account and closes the default user.
     */
    synchronized void provisionAcl() {
        for (JedisClientConfigChoice choice : JedisClientConfigChoice.values()) {
            try (Jedis jedis = new Jedis(redis.hostAndPort(), choice == JedisClientConfigChoice.SERVICE
                    ? redis.clientConfig("jbec-acl") : redis.anonymousConfig("jbec-acl"))) {
                jedis.connect();
                AclAccounts.apply(jedis, redis.user(), redis.password(), storedAccounts(jedis));
                logger.info("ACL accounts set up in Redis at {} (logged in as {})", redis.address(),
                        choice == JedisClientConfigChoice.SERVICE ? redis.user() : "default");
                return;
            } catch (JedisException e) {
                logger.debug("ACL set-up as {} refused: {}", choice, e.toString());
            }
        }
        logger.error("Redis at {} refuses the services' account '{}' and its default user is closed: check "
                + "acl.env_file (REDIS_USER, REDIS_PASSWORD)", redis.address(), redis.user());
    }

    private enum JedisClientConfigChoice { SERVICE, DEFAULT }

    private Map<String, Map<String, String>> storedAccounts(Jedis jedis) {
        byte[] raw = jedis.get(Writes.key(org.jbec.bus.api.Endpoints.aclAccounts().key()));
        return raw == null ? new java.util.LinkedHashMap<>()
                : AclAccounts.parse(codec.decode(raw) instanceof org.jbec.bus.api.message.VariableMessage v ? v.value() : null);
    }

    boolean enforced() {
        return acl;
    }

    synchronized String addUser(String name, boolean admin) {
        if (!AclAccounts.NAME.matcher(name).matches() || name.equals("default") || name.equals(redis.user())) {
            throw new IllegalArgumentException("account name '" + name + "': letters, digits, _ . - (starting with a "
                    + "letter, at most 64), not 'default' or the services' account");
        }
        String token = AclAccounts.newToken();
        commands.withJedis("ACL SETUSER " + name, jedis -> {
            AclAccounts.setUser(jedis, name, admin ? AclAccounts.adminRules(token) : AclAccounts.userRules(name, token));
            Map<String, Map<String, String>> accounts = storedAccounts(jedis);
            accounts.put(name, Map.of("profile", admin ? "admin" : "user", "token", token));
            jedis.set(Writes.key(org.jbec.bus.api.Endpoints.aclAccounts().key()), codec.encode(
                    new org.jbec.bus.api.message.VariableMessage(null, new java.util.LinkedHashMap<>(accounts))));
            return null;
        });
        return token;
    }

    synchronized boolean removeUser(String name) {
        return commands.withJedis("ACL DELUSER " + name, jedis -> {
            Map<String, Map<String, String>> accounts = storedAccounts(jedis);
            boolean known = accounts.remove(name) != null;
            jedis.aclDelUser(name);
            jedis.set(Writes.key(org.jbec.bus.api.Endpoints.aclAccounts().key()), codec.encode(
                    new org.jbec.bus.api.message.VariableMessage(null, new java.util.LinkedHashMap<>(accounts))));
            return known;
        });
    }

    Map<String, String> users() {
        Map<String, String> out = new java.util.TreeMap<>();
        commands.withJedis("accounts", this::storedAccounts).forEach((name, account) -> out.put(name, account.get("profile")));
        return out;
    }

    List<String> redisAcl() {
        return AclAccounts.withoutPasswords(commands.withJedis("ACL LIST", Jedis::aclList));
    }

    Optional<String> authenticate(String name, String token) {
        if (!acl || name == null || token == null || !AclAccounts.NAME.matcher(name).matches() || token.isEmpty()
                || token.length() > 256) {
            return Optional.empty();
        }
        var login = redis.clientConfigAs(name, token);
        try (Jedis jedis = new Jedis(redis.hostAndPort(), login)) {
            jedis.ping();
        } catch (redis.clients.jedis.exceptions.JedisDataException refused) { // WRONGPASS and the like
            return Optional.empty();
        }
        String profile = users().get(name);
        return Optional.of(profile != null ? profile : "user");
    }

    boolean permits(String name, String command, String... args) {
        if (!acl) {
            return true;
        }
        return "OK".equals(commands.withJedis("ACL DRYRUN " + name, jedis -> {
            try {
                return jedis.aclDryRun(name, command, args);
            } catch (redis.clients.jedis.exceptions.JedisDataException unknownUser) {
                return unknownUser.getMessage();
            }
        }));
    }
}
