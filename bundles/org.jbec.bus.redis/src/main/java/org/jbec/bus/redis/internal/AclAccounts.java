package org.jbec.bus.redis.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import redis.clients.jedis.Jedis;

/**
 * BEC's ACL profiles (bec-protocol.md §6.2) as Redis {@code ACL SETUSER} rules, and the bootstrap that
 * makes a Redis enforce them: the services' own account, every stored account, and a default user
 * that may only read {@code public/*} (what BEC allows without login).
 */
final class AclAccounts {

    /** Account names become parts of keys and channels: no pattern characters, no separators. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AclAccounts() {
    }

    static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static List<String> userRules(String name, String token) {
        return List.of("reset", "on", ">" + token, "+@all", "-@dangerous", "+keys",
                "%R~public/*", "%R~info/*", "%RW~personal/" + name + "/*", "%RW~user/*",
                "resetchannels", "&public/*", "&info/*", "&personal/" + name + "/*", "&user/*",
                "&info/public/*/file/*");
    }

    static List<String> adminRules(String token) {
        return List.of("reset", "on", ">" + token, "+@all", "~*", "&*");
    }

    /** Without login: read-only public/* (and the commands a client needs to log in). */
    static List<String> defaultRules() {
        return List.of("resetkeys", "resetchannels", "-@all", "+auth", "+hello", "+ping", "+client|setname",
                "+get", "+mget", "+exists", "+subscribe", "+psubscribe", "+unsubscribe", "+punsubscribe",
                "%R~public/*", "&public/*");
    }

    static void setUser(Jedis jedis, String name, List<String> rules) {
        jedis.aclSetUser(name, rules.toArray(new String[0]));
    }

    /**
     * Puts the services' account and every stored account into Redis and closes the default user;
     * {@code jedis} must be allowed to (the default user of a fresh Redis, or the services' account).
     */
    static void apply(Jedis jedis, String serviceUser, String servicePassword, Map<String, Map<String, String>> stored) {
        setUser(jedis, serviceUser, adminRules(servicePassword));
        stored.forEach((name, account) -> setUser(jedis, name, "admin".equals(account.get("profile"))
                ? adminRules(account.get("token")) : userRules(name, account.get("token"))));
        setUser(jedis, "default", defaultRules());
    }

    /** The stored accounts in the shape {@code admin/acl/accounts} holds them. */
    static Map<String, Map<String, String>> parse(Object value) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, account) -> {
                if (account instanceof Map<?, ?> a && a.get("token") instanceof String token) {
                    Map<String, String> entry = new LinkedHashMap<>();
                    entry.put("profile", String.valueOf(a.get("profile")));
                    entry.put("token", token);
                    out.put(String.valueOf(name), entry);
                }
            });
        }
        return out;
    }

    static List<String> withoutPasswords(List<String> aclList) {
        List<String> out = new ArrayList<>();
        for (String line : aclList) {
            out.add(line.replaceAll("#[0-9a-f]{64}", "#…").replaceAll(">\\S+", ">…"));
        }
        return out;
    }
}
