package org.jbec.launcher.internal;

/**
 * The in-framework test of a new beamline plugin: the whole jBEC runtime in a Felix framework with a
 * private Redis, the plugin installed from {@code target/classes}, its device read and its scan run
 * through the shell. Same placeholders as {@link PluginTemplates}.
 */
final class PluginFrameworkTestTemplate {

    private PluginFrameworkTestTemplate() {
    }

    static final String TEST = """
            package @BSN@.internal;

            import static org.junit.jupiter.api.Assertions.assertTrue;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.time.Duration;

            import org.jbec.test.support.InFrameworkJbec;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.io.TempDir;

            /** The plugin among the real services: its bundle resolves, its components come up, its scan runs. */
            class @CLS@InFrameworkTest {

                @Test
                void theCounterReadsAndTheScanRunsInTheRealRuntime(@TempDir Path work) throws Exception {
                    // a motor for the counter to follow, then the plugin's own example session
                    Path session = Files.writeString(work.resolve("session.yaml"), String.join("\\n",
                            "samx:",
                            "  readoutPriority: baseline",
                            "  deviceClass: ophyd_devices.SimPositioner",
                            "  deviceConfig: {delay: 0, limits: [-50, 50]}",
                            "  enabled: true",
                            "") + Files.readString(Path.of("config/@NAME@.yaml")));
                    try (InFrameworkJbec jbec = InFrameworkJbec.start(Path.of(System.getProperty("jbec.root")), session,
                            work.resolve("jbec"))) {
                        jbec.install(Path.of("target/classes"));
                        jbec.awaitReady(Duration.ofSeconds(60));
                        jbec.shell("umv samx 2");
                        String read = jbec.shell("read @NAME@_counter");
                        assertTrue(read.matches("(?s).*@NAME@_counter\\\\s+20\\\\.0.*"), "gain 10 x samx 2:\\n" + read);
                        String scan = jbec.shell("@NAME@_count 2");
                        assertTrue(scan.contains("closed: 2 points"), scan);
                    }
                }
            }
            """;
}
