package org.jbec.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and validates a servers configuration file ({@code config/servers.yaml}). Every unknown key
 * and every bad value is reported with file:line and the dotted key; nothing is applied from a file
 * that has any problem.
 */
public final class ServersConfigReader {

    private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");
    private static final Set<String> TOP_KEYS = Set.of("redis", "file_writer", "log_writer", "user_macros",
            "user_scripts", "widgets_settings", "atlas", "scilog", "acl", "procedures", "abort_on_ctrl_c",
            "enforce_acls", "scan_server");

    private final YamlReader yaml = new YamlReader();
    private final String account;

    /** @param account the user account whose base paths apply ({@code user.name} by default) */
    public ServersConfigReader(String account) {
        this.account = account;
    }

    public ServersConfigReader() {
        this(System.getProperty("user.name", ""));
    }

    public ServersConfig read(Path file, String displayName) throws ConfigException {
        return validate(yaml.read(file, displayName), displayName);
    }

    public ServersConfig validate(YamlNode root, String file) throws ConfigException {
        Check c = new Check(file);
        ServersConfig d = ServersConfig.defaults();
        YamlNode.Mapping top = c.mapping(root, "");
        if (top == null) {
            throw new ConfigException(c.problems);
        }
        c.onlyKeys(top, "", TOP_KEYS);

        YamlNode.Mapping redisNode = c.section(top, "redis", Set.of("host", "port", "embedded"));
        String host = c.string(redisNode, "redis", "host", d.redis().host());
        if (host.isBlank()) {
            c.problem(redisNode.entries().get("host"), "redis.host", "is blank; give a host name or address");
        }
        int port = c.integer(redisNode, "redis", "port", d.redis().port(), 1, 65535);
        boolean embedded = c.bool(redisNode, "redis", "embedded", d.redis().embedded());

        YamlNode.Mapping fw = c.section(top, "file_writer", Set.of("plugin", "base_path", "part_mb"));
        String plugin = c.string(fw, "file_writer", "plugin", d.fileWriter().plugin());
        int partMb = c.integer(fw, "file_writer", "part_mb", d.fileWriter().partMb(), 1, 1 << 20);
        String dataPath = c.basePath(fw, "file_writer", d.fileWriter().basePath(), account);

        YamlNode.Mapping lw = c.section(top, "log_writer", Set.of("base_path", "level", "levels"));
        String logPath = c.basePath(lw, "log_writer", d.log().basePath(), account);
        String level = c.level(lw.entries().get("level"), "log_writer.level", d.log().level());
        Map<String, String> levels = new LinkedHashMap<>();
        YamlNode levelsNode = lw.entries().get("levels");
        if (levelsNode != null) {
            YamlNode.Mapping m = c.mapping(levelsNode, "log_writer.levels");
            if (m != null) {
                m.entries().forEach((logger, node) ->
                        levels.put(logger, c.level(node, "log_writer.levels." + logger, "INFO")));
            }
        }

        Map<String, String> basePaths = new HashMap<>();
        for (String section : List.of("user_macros", "user_scripts", "widgets_settings")) {
            YamlNode.Mapping s = c.section(top, section, Set.of("base_path"));
            basePaths.put(section, c.basePath(s, section, d.basePaths().get(section), account));
        }
        for (String section : List.of("atlas", "scilog")) {
            YamlNode.Mapping s = c.section(top, section, Set.of("env_file"));
            c.string(s, section, "env_file", "");
        }
        YamlNode.Mapping acl = c.section(top, "acl", Set.of("env_file", "user"));
        String aclEnvFile = c.string(acl, "acl", "env_file", "");
        c.string(acl, "acl", "user", "");
        YamlNode.Mapping procedures = c.section(top, "procedures", Set.of("enable_procedures", "use_subprocess_worker"));
        c.bool(procedures, "procedures", "enable_procedures", true);
        c.bool(procedures, "procedures", "use_subprocess_worker", false);

        boolean abortOnCtrlC = c.bool(top, "", "abort_on_ctrl_c", d.abortOnCtrlC());
        boolean enforceAcls = c.bool(top, "", "enforce_acls", d.enforceAcls());
        YamlNode.Mapping scanServer = c.section(top, "scan_server",
                Set.of("restart_interrupted", "resume_queue_after_restart", "on_redis_outage"));
        ServersConfig.ScanServer sd = ServersConfig.ScanServer.DEFAULTS;
        boolean restartInterrupted = c.bool(scanServer, "scan_server", "restart_interrupted", sd.restartInterrupted());
        boolean resumeQueue = c.bool(scanServer, "scan_server", "resume_queue_after_restart",
                sd.resumeQueueAfterRestart());
        String outage = c.string(scanServer, "scan_server", "on_redis_outage", sd.abortOnRedisOutage() ? "abort" : "pause");
        if (!outage.equals("pause") && !outage.equals("abort")) {
            c.problem(scanServer.entries().get("on_redis_outage"), "scan_server.on_redis_outage", "must be pause or abort, not '" + outage + "'");
        }

        if (!c.problems.isEmpty()) {
            throw new ConfigException(c.problems);
        }
        return new ServersConfig(file, new ServersConfig.Redis(host, port, embedded),
                new ServersConfig.FileWriter(plugin, dataPath, partMb), new ServersConfig.Log(logPath, level, levels),
                basePaths, abortOnCtrlC, enforceAcls,
                new ServersConfig.ScanServer(restartInterrupted, resumeQueue, outage.equals("abort")), aclEnvFile);
    }

    /** Collects problems while reading typed values; every getter falls back to the default on error. */
    private static final class Check {
        final String file;
        final List<ConfigProblem> problems = new ArrayList<>();

        Check(String file) {
            this.file = file;
        }

        void problem(YamlNode at, String key, String message) {
            int line = at == null ? 0 : at.mark().line();
            int column = at == null ? 0 : at.mark().column();
            problems.add(new ConfigProblem(file, line, column, key, message));
        }

        YamlNode.Mapping mapping(YamlNode node, String key) {
            if (node instanceof YamlNode.Mapping m) {
                return m;
            }
            problem(node, key, "must be a mapping, is " + node.kind());
            return null;
        }

        /** A sub-section; absent or null means all defaults. */
        YamlNode.Mapping section(YamlNode.Mapping parent, String key, Set<String> allowed) {
            YamlNode node = parent.entries().get(key);
            YamlNode.Mapping m = node == null || isNull(node) ? null : mapping(node, key);
            if (m == null) {
                return new YamlNode.Mapping(Map.of(), Map.of(), parent.mark());
            }
            onlyKeys(m, key, allowed);
            return m;
        }

        void onlyKeys(YamlNode.Mapping m, String path, Set<String> allowed) {
            for (String key : m.entries().keySet()) {
                if (!allowed.contains(key)) {
                    YamlNode.Mark at = m.keyMarks().get(key);
                    problems.add(new ConfigProblem(file, at.line(), at.column(), join(path, key),
                            "unknown key; allowed here: " + String.join(", ", allowed.stream().sorted().toList())));
                }
            }
        }

        String string(YamlNode.Mapping m, String path, String key, String def) {
            YamlNode node = m.entries().get(key);
            if (node == null) {
                return def;
            }
            if (node instanceof YamlNode.Scalar s && s.value() instanceof String str) {
                return str;
            }
            problem(node, join(path, key), "must be a string, is " + node.kind());
            return def;
        }

        int integer(YamlNode.Mapping m, String path, String key, int def, int min, int max) {
            YamlNode node = m.entries().get(key);
            if (node == null) {
                return def;
            }
            if (node instanceof YamlNode.Scalar s && s.value() instanceof Long l) {
                if (l < min || l > max) {
                    problem(node, join(path, key), l + " is outside " + min + ".." + max);
                    return def;
                }
                return l.intValue();
            }
            problem(node, join(path, key), "must be a whole number, is " + node.kind());
            return def;
        }

        boolean bool(YamlNode.Mapping m, String path, String key, boolean def) {
            YamlNode node = m.entries().get(key);
            if (node == null) {
                return def;
            }
            if (node instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
                return b;
            }
            problem(node, join(path, key), "must be true or false, is " + node.kind());
            return def;
        }

        String level(YamlNode node, String key, String def) {
            if (node == null) {
                return def;
            }
            if (node instanceof YamlNode.Scalar s && s.value() instanceof String str
                    && LEVELS.contains(str.toUpperCase(java.util.Locale.ROOT))) {
                return str.toUpperCase(java.util.Locale.ROOT);
            }
            problem(node, key, "must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
            return def;
        }

        /**
         * BEC's base_path: a path, or a mapping of account regex to path with "*" as the default;
         * "$username" in the chosen path is replaced by the account.
         */
        String basePath(YamlNode.Mapping m, String path, String def, String account) {
            YamlNode node = m.entries().get("base_path");
            String key = join(path, "base_path");
            if (node == null) {
                return def;
            }
            if (node instanceof YamlNode.Scalar s && s.value() instanceof String str) {
                return str.replace("$username", account);
            }
            if (!(node instanceof YamlNode.Mapping byUser)) {
                problem(node, key, "must be a path or a mapping of account pattern to path, is " + node.kind());
                return def;
            }
            String chosen = null;
            for (Map.Entry<String, YamlNode> e : byUser.entries().entrySet()) {
                if (!(e.getValue() instanceof YamlNode.Scalar s && s.value() instanceof String p)) {
                    problem(e.getValue(), key + "." + e.getKey(), "must be a path, is " + e.getValue().kind());
                    continue;
                }
                if (e.getKey().equals("*")) {
                    continue;
                }
                try {
                    if (chosen == null && Pattern.compile(e.getKey()).matcher(account).lookingAt()) {
                        chosen = p;
                    }
                } catch (PatternSyntaxException ex) {
                    problem(e.getValue(), key + "." + e.getKey(), "is not a valid account pattern: "
                            + ex.getDescription());
                }
            }
            if (chosen == null && byUser.entries().get("*") instanceof YamlNode.Scalar s
                    && s.value() instanceof String p) {
                chosen = p;
            }
            if (chosen == null) {
                problem(node, key, "no pattern matches account '" + account + "' and no default (*) is given");
                return def;
            }
            return chosen.replace("$username", account);
        }

        private static boolean isNull(YamlNode node) {
            return node instanceof YamlNode.Scalar s && s.value() == null;
        }

        private static String join(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }
    }
}
