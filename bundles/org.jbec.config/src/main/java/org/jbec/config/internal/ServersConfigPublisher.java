package org.jbec.config.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.jbec.config.ConfigException;
import org.jbec.config.ServersConfig;
import org.jbec.config.ServersConfigReader;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the servers configuration file into Configuration Admin configurations, so each service
 * bundle receives its part as ordinary DS configuration:
 * <ul>
 * <li>{@code org.jbec.bus.redis}: host, port, embedded (the launcher's description of an embedded
 * server)</li>
 * <li>{@code org.jbec.servers}: the remaining settings, paths made absolute against the jBEC home</li>
 * </ul>
 * The file is named by the framework property {@value #CONFIG_PROPERTY} (the launcher sets it);
 * {@value #REDIS_PROPERTY} or the environment variable {@code JBEC_REDIS} override the Redis address.
 * A file with problems changes nothing: the problems are logged and the previous configuration stays.
 */
@Component(immediate = true)
public final class ServersConfigPublisher {

    static final String HOME_PROPERTY = "jbec.home";
    static final String CONFIG_PROPERTY = "jbec.servers.config";
    static final String REDIS_PROPERTY = "jbec.redis.address";
    static final String EMBEDDED_PROPERTY = "jbec.redis.embedded";
    static final String REDIS_PID = "org.jbec.bus.redis";
    static final String SERVERS_PID = "org.jbec.servers";

    private final Logger logger = LoggerFactory.getLogger(ServersConfigPublisher.class);
    private final ConfigurationAdmin configAdmin;

    @Activate
    public ServersConfigPublisher(@Reference ConfigurationAdmin configAdmin, BundleContext context) {
        this.configAdmin = configAdmin;
        Path home = Path.of(property(context, HOME_PROPERTY, ".")).toAbsolutePath().normalize();
        String configFile = property(context, CONFIG_PROPERTY, "config/servers.yaml");
        try {
            ServersConfig config = new ServersConfigReader().read(home.resolve(configFile), configFile);
            String redisOverride = property(context, REDIS_PROPERTY, System.getenv().getOrDefault("JBEC_REDIS", ""));
            Map<String, Object> redis = new java.util.LinkedHashMap<>(
                    RedisSettings.of(config, redisOverride, property(context, EMBEDDED_PROPERTY, "")));
            redis.putAll(AclCredentials.of(config, home, home.resolve(property(context, "jbec.var", "var"))));
            publish(redis, serverSettings(config, home));
        } catch (ConfigException e) {
            logger.error("Servers configuration not applied, the previous one stays in force:\n{}", e.getMessage());
        } catch (IllegalArgumentException e) {
            logger.error("Servers configuration not applied: {}", e.getMessage());
        } catch (IOException e) {
            logger.error("Servers configuration could not be stored in Configuration Admin", e);
        }
    }

    private void publish(Map<String, Object> redis, Map<String, Object> servers) throws IOException {
        update(REDIS_PID, redis);
        update(SERVERS_PID, servers);
    }

    private void update(String pid, Map<String, Object> values) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = new Hashtable<>(values);
        // unchanged settings must not restart the components that use them
        if (configuration.updateIfDifferent(properties)) {
            logger.info("Configuration {} updated", pid);
        }
    }

    static Map<String, Object> serverSettings(ServersConfig config, Path home) {
        return Map.ofEntries(
                Map.entry("source", config.source()),
                Map.entry("file_writer.plugin", config.fileWriter().plugin()),
                Map.entry("file_writer.base_path", home.resolve(config.fileWriter().basePath()).normalize().toString()),
                Map.entry("file_writer.part_mb", config.fileWriter().partMb()),
                Map.entry("log_writer.base_path", home.resolve(config.log().basePath()).normalize().toString()),
                Map.entry("abort_on_ctrl_c", config.abortOnCtrlC()),
                Map.entry("enforce_acls", config.enforceAcls()),
                Map.entry("scan_server.restart_interrupted", config.scanServer().restartInterrupted()),
                Map.entry("scan_server.resume_queue_after_restart", config.scanServer().resumeQueueAfterRestart()),
                Map.entry("scan_server.on_redis_outage", config.scanServer().abortOnRedisOutage() ? "abort" : "pause"));
    }

    private static String property(BundleContext context, String key, String def) {
        String value = context.getProperty(key);
        return value == null || value.isBlank() ? def : value;
    }
}
