package org.jbec.launcher.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jbec.config.ServersConfig;

/**
 * Prepares logback (which runs inside the framework) through system properties: the configuration
 * file config/logback.xml, the log folder (rotating file), the root level from the servers
 * configuration, the console level, and an include file with the per-logger levels of
 * {@code log_writer.levels}.
 */
final class LoggingSetup {

    private LoggingSetup() {
    }

    /** SPI Fly logs through java.util.logging at INFO; only its warnings matter to a user. */
    private static final java.util.logging.Logger SPIFLY_LOGGER =
            java.util.logging.Logger.getLogger("org.apache.aries.spifly");
    /** Without a terminal (background, scripts) JLine warns that it uses a dumb one: expected there. */
    private static final java.util.logging.Logger JLINE_LOGGER = java.util.logging.Logger.getLogger("org.jline");

    /** @param consoleLevel level of the console appender (the rotating file gets everything at root level) */
    static void apply(JbecHome home, ServersConfig config, String consoleLevel, boolean interactive)
            throws IOException {
        SPIFLY_LOGGER.setLevel(java.util.logging.Level.WARNING);
        if (!interactive) {
            JLINE_LOGGER.setLevel(java.util.logging.Level.SEVERE);
        }
        Path logDir = home.root().resolve(config.log().basePath()).normalize();
        Files.createDirectories(logDir);
        Path levels = home.var().resolve("logback-levels-" + ProcessHandle.current().pid() + ".xml");
        Files.writeString(levels, levelsInclude(config.log().levels()), StandardCharsets.UTF_8);
        levels.toFile().deleteOnExit();
        System.setProperty("logback.configurationFile", home.logbackConfig().toString());
        System.setProperty("jbec.log.dir", logDir.toString());
        System.setProperty("jbec.log.level", config.log().level());
        System.setProperty("jbec.log.console.level", consoleLevel);
        System.setProperty("jbec.log.levels.file", levels.toString());
    }

    static String levelsInclude(Map<String, String> levels) {
        StringBuilder xml = new StringBuilder("<included>\n");
        levels.forEach((logger, level) -> xml.append("  <logger name=\"").append(escape(logger))
                .append("\" level=\"").append(level).append("\"/>\n"));
        return xml.append("</included>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
