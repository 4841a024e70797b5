package org.jbec.config;

import java.util.Map;

/**
 * The service configuration of one jBEC framework, in the shape of BEC's {@code ServiceConfigModel}
 * plus jBEC's additions ({@code redis.embedded}, {@code log_writer.level/levels}, {@code enforce_acls}).
 * Paths are as written (relative ones are relative to the jBEC home); user-specific base paths
 * are already resolved for the current account.
 *
 * @param source          the file it came from, or "defaults"
 * @param redis           the bus's Redis server
 * @param fileWriter      where data files go
 * @param log             where log files go and at which levels
 * @param basePaths       other BEC base paths by section ({@code user_macros}, {@code user_scripts},
 *                        {@code widgets_settings})
 * @param abortOnCtrlC    Ctrl-C in the shell aborts the running scan (else pauses it)
 * @param enforceAcls     every service and user authenticates as its own Redis ACL user
 * @param scanServer      jBEC: what the scan server does after a restart and during a Redis outage
 * @param aclEnvFile      BEC's {@code acl.env_file}: the services' Redis account ({@code REDIS_USER},
 *                        {@code REDIS_PASSWORD}); blank: jBEC keeps one in its var/ folder
 */
public record ServersConfig(String source, Redis redis, FileWriter fileWriter, Log log,
        Map<String, String> basePaths, boolean abortOnCtrlC, boolean enforceAcls, ScanServer scanServer,
        String aclEnvFile) {

    public ServersConfig {
        basePaths = Map.copyOf(basePaths);
    }

    /** The configuration before the {@code scan_server} section existed (its defaults). */
    public ServersConfig(String source, Redis redis, FileWriter fileWriter, Log log,
            Map<String, String> basePaths, boolean abortOnCtrlC, boolean enforceAcls) {
        this(source, redis, fileWriter, log, basePaths, abortOnCtrlC, enforceAcls, ScanServer.DEFAULTS, "");
    }

    /** The configuration before {@code acl.env_file} was kept. */
    public ServersConfig(String source, Redis redis, FileWriter fileWriter, Log log,
            Map<String, String> basePaths, boolean abortOnCtrlC, boolean enforceAcls, ScanServer scanServer) {
        this(source, redis, fileWriter, log, basePaths, abortOnCtrlC, enforceAcls, scanServer, "");
    }

    /**
     * @param restartInterrupted     a scan interrupted by a crash of the scan server is queued again
     *                               after the restart (only when its request has {@code allow_restart})
     * @param resumeQueueAfterRestart the queue restored after a restart runs on at once; otherwise it
     *                               waits, paused, for the operator's {@code continue}
     * @param abortOnRedisOutage     a scan running when Redis goes away is aborted (with an alarm) once
     *                               Redis is back; otherwise it pauses and goes on
     */
    public record ScanServer(boolean restartInterrupted, boolean resumeQueueAfterRestart, boolean abortOnRedisOutage) {
        public static final ScanServer DEFAULTS = new ScanServer(false, false, false);
    }

    /**
     * @param host     Redis host
     * @param port     Redis port
     * @param embedded when nothing answers at a local address, start an embedded Redis there
     */
    public record Redis(String host, int port, boolean embedded) {
    }

    /**
     * @param plugin   BEC's file-format name
     * @param basePath root of the data tree
     * @param partMb   jBEC: megabytes of one array signal kept in memory before it goes to a part file
     */
    public record FileWriter(String plugin, String basePath, int partMb) {

        public FileWriter(String plugin, String basePath) {
            this(plugin, basePath, 64);
        }
    }

    /**
     * @param basePath folder of the rotating log files
     * @param level    root log level (TRACE, DEBUG, INFO, WARN, ERROR)
     * @param levels   levels of single loggers by logger name prefix
     */
    public record Log(String basePath, String level, Map<String, String> levels) {
        public Log {
            levels = Map.copyOf(levels);
        }
    }

    /** What jBEC runs with when no file says otherwise. */
    public static ServersConfig defaults() {
        return new ServersConfig("defaults", new Redis("localhost", 6379, true),
                new FileWriter("default_NeXus_format", "data"), new Log("var/log", "INFO", Map.of()),
                Map.of("user_macros", "macros", "user_scripts", "scripts", "widgets_settings", "widgets_settings"),
                true, false);
    }
}
