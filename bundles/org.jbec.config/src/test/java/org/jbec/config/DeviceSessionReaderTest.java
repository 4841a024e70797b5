package org.jbec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceSessionReaderTest {

    private final DeviceSessionReader reader = new DeviceSessionReader();

    private DeviceSession parse(String yaml) throws ConfigException {
        return reader.read(new StringReader(yaml), Path.of("."), "session.yaml");
    }

    private List<ConfigProblem> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).problems();
    }

    private static final String SAMX = """
            samx:
              readoutPriority: baseline
              deviceClass: ophyd_devices.SimPositioner
              deviceConfig: {delay: 1, limits: [-50, 50], tolerance: 0.01, update_frequency: 400}
              deviceTags: [user motors]
              enabled: true
              readOnly: false
            """;

    @Test
    void becsOwnDemoSessionLoadsUnmodified() throws Exception {
        Path demo = Path.of(getClass().getResource("/bec_demo_config.yaml").toURI());
        DeviceSession session = reader.read(demo, "bec_demo_config.yaml");
        assertEquals(215, session.devices().size());
        assertEquals(List.of(), session.warnings());
        DeviceConfig samx = session.device("samx").orElseThrow();
        assertEquals("ophyd_devices.SimPositioner", samx.deviceClass());
        assertEquals("baseline", samx.readoutPriority());
        assertEquals(List.of(-50L, 50L), samx.deviceConfig().get("limits"));
        assertEquals(Set.of("user motors"), samx.deviceTags());
        assertEquals(5.0, samx.connectionTimeout());
        assertEquals("retry", samx.onFailure());
        assertTrue(session.device("eiger").orElseThrow().softwareTrigger());
        assertNull(session.device("dyn_signals").orElseThrow().deviceConfig(), "an empty deviceConfig is null");
        assertEquals(List.of("bpm4i", "bpm5i"),
                session.device("pseudo_signal1").orElseThrow().deviceConfig().get("input_signals"));
    }

    @Test
    void theShippedDemoSessionLoads() throws Exception {
        Path demo = Path.of(System.getProperty("jbec.root", "../.."), "config/demo.yaml");
        DeviceSession session = reader.read(demo, "config/demo.yaml");
        assertTrue(session.device("samx").isPresent() && session.device("gauss_bpm").isPresent());
        assertEquals(List.of(), session.warnings());
    }

    @Test
    void persistedFormAsBecWritesIt() throws Exception {
        Map<String, Object> wire = parse(SAMX).devices().get(0).toWire();
        assertEquals("samx", wire.get("name"));
        assertEquals(List.of("user motors"), wire.get("deviceTags"));
        assertEquals(Map.of(), parse(SAMX.replace("deviceConfig: {delay: 1, limits: [-50, 50], tolerance: 0.01, update_frequency: 400}",
                "deviceConfig:")).devices().get(0).toWire().get("deviceConfig"), "deviceConfig forced to a map");
    }

    @Test
    void everyBrokenFieldIsNamedWithItsPosition() {
        List<ConfigProblem> p = problems("""
                samx:
                  readoutPriority: sometimes
                  deviceClass: ophyd_devices.SimPositioner
                  enabled: yes please
                  connectionTimeout: -1
                  deviceTags: user motors
                  onFailure: ignore
                samy:
                  deviceClass: ophyd_devices.SimPositioner
                  readoutPriority: baseline
                """);
        assertEquals(List.of(
                "session.yaml:2:20: samx.readoutPriority: 'sometimes' is not one of async, baseline, continuous, monitored, on_request",
                "session.yaml:4:12: samx.enabled: must be true or false, is a string",
                "session.yaml:5:22: samx.connectionTimeout: -1 must be a finite number of seconds, 0 or more",
                "session.yaml:6:15: samx.deviceTags: must be a list of names, is a string",
                "session.yaml:7:14: samx.onFailure: 'ignore' is not one of buffer, raise, retry",
                "session.yaml:9:3: samy.enabled: is required"),
                p.stream().sorted(java.util.Comparator.comparingInt(ConfigProblem::line)).map(ConfigProblem::toString)
                        .toList());
    }

    @Test
    void badNamesFollowBecsRules() {
        for (String name : List.of("1samx", "sam-x", "_hidden", "class", "wm", "get_devices_with_tags")) {
            List<ConfigProblem> p = problems(SAMX.replace("samx:", name + ":"));
            assertEquals(1, p.size(), name + ": " + p);
            assertEquals(name, p.get(0).key());
            assertEquals(1, p.get(0).line());
        }
    }

    @Test
    void needsGiveTheLoadOrder() throws Exception {
        DeviceSession s = parse(SAMX.replace("samx:", "a:") + "  needs: [c]\n" + SAMX.replace("samx:", "b:")
                + SAMX.replace("samx:", "c:"));
        assertEquals(List.of("b", "c", "a"), s.devices().stream().map(DeviceConfig::name).toList());
    }

    @Test
    void unknownDependencyAndCyclesAreErrors() {
        ConfigProblem unknown = problems(SAMX + "  needs: [samz]\n").get(0);
        assertEquals("samx.needs", unknown.key());
        assertTrue(unknown.message().contains("needs 'samz', which is not in the session"), unknown.message());
        ConfigProblem cycle = problems(SAMX.replace("samx:", "a:") + "  needs: [b]\n" + SAMX.replace("samx:", "b:")
                + "  needs: [a]\n").get(0);
        assertTrue(cycle.message().contains("a, b form a cycle"), cycle.message());
    }

    @Test
    void unknownFieldsAndDisabledDependenciesAreWarnings() throws Exception {
        DeviceSession s = parse(SAMX + "  readOnyl: true\n" + SAMX.replace("samx:", "samy:")
                .replace("enabled: true", "enabled: false") + SAMX.replace("samx:", "samz:") + "  needs: [samy]\n");
        assertEquals(2, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().get(0).toString().startsWith("session.yaml:8:3: samx.readOnyl: unknown field"),
                s.warnings().get(0).toString());
        assertTrue(s.warnings().get(1).message().contains("which is disabled"));
    }

    @Test
    void includesMergeFilesAndLaterDefinitionsWin(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("motors.yaml"), SAMX + SAMX.replace("samx:", "samy:"));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/detectors.yaml"), SAMX.replace("samx:", "bpm4i:").replace("baseline", "monitored"));
        Files.writeString(dir.resolve("main.yaml"), "motors: !include motors.yaml\nmore: [!include sub/detectors.yaml]\n"
                + SAMX.replace("baseline", "monitored"));
        DeviceSession s = reader.read(dir.resolve("main.yaml"), "main.yaml");
        assertEquals(List.of("samx", "samy", "bpm4i"), s.devices().stream().map(DeviceConfig::name).toList());
        assertEquals("monitored", s.device("samx").orElseThrow().readoutPriority(), "main.yaml's samx wins");
        assertTrue(s.warnings().get(0).message().contains("replaces the one in motors.yaml:1"), s.warnings().toString());
    }

    @Test
    void includeProblemsAreNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "b: !include b.yaml\n");
        Files.writeString(dir.resolve("b.yaml"), "a: !include a.yaml\n");
        assertTrue(assertThrows(ConfigException.class, () -> reader.read(dir.resolve("a.yaml"), "a.yaml"))
                .getMessage().contains("includes itself"));
        Files.writeString(dir.resolve("c.yaml"), "x: !include missing.yaml\n");
        assertEquals("missing.yaml: file not found",
                assertThrows(ConfigException.class, () -> reader.read(dir.resolve("c.yaml"), "c.yaml")).getMessage());
    }

    @Test
    void aBrokenFileLoadsNothing() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(SAMX + SAMX.replace("samx:", "samy:")
                .replace("enabled: true", "enabled: 3")));
        assertEquals(1, e.problems().size());
        assertFalse(e.getMessage().contains("samx"));
    }
}
