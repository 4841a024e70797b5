package org.jbec.config.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jbec.config.ServersConfig;

/**
 * The services' Redis account when {@code enforce_acls} is on, from BEC's env file
 * ({@code REDIS_USER=…}, {@code REDIS_PASSWORD=…}): {@code acl.env_file}, else {@code var/acl/services.env},
 * created with a random password the first time (readable by its owner only).
 */
final class AclCredentials {

    static final String DEFAULT_USER = "jbec_services";

    private AclCredentials() {
    }

    /** The properties the bus needs (acl, user, .password); empty when ACLs are off. */
    static Map<String, Object> of(ServersConfig config, Path home, Path var) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!config.enforceAcls()) {
            return out;
        }
        Path env = config.aclEnvFile().isBlank() ? var.resolve("acl/services.env") : home.resolve(config.aclEnvFile());
        if (!Files.exists(env) && config.aclEnvFile().isBlank()) {
            create(env);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(env)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.strip().startsWith("#")) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String user = values.getOrDefault("REDIS_USER", "");
        String password = values.getOrDefault("REDIS_PASSWORD", "");
        if (user.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException(env + ": enforce_acls needs REDIS_USER and REDIS_PASSWORD");
        }
        out.put("acl", true);
        out.put("user", user);
        out.put(".password", password);
        return out;
    }

    private static void create(Path env) throws IOException {
        Files.createDirectories(env.getParent());
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        Files.createFile(env, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(env, "# the jBEC services' Redis account (enforce_acls); made by jBEC\nREDIS_USER=" + DEFAULT_USER
                + "\nREDIS_PASSWORD=" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
    }
}
