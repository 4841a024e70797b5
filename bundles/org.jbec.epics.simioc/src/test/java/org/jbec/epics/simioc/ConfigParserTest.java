package org.jbec.epics.simioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {

    @Test
    void demoFileParsesWithDefaults() throws Exception {
        String text = new String(ConfigParserTest.class.getResourceAsStream("/sim-ioc.yaml").readAllBytes(),
                StandardCharsets.UTF_8);
        IocConfig c = ConfigParser.parse("sim-ioc.yaml", text);
        assertEquals(5064, c.port());
        assertEquals(100.0, c.updateHz());
        assertEquals(2, c.motors().size());
        IocConfig.Motor m = c.motors().get(0);
        assertEquals(new IocConfig.Motor("SIM:MTR1", 2.0, -50, 50, "mm", 3, 0), m);
        assertEquals("SIM:MTR1", c.analogIn().get(0).follows());
        assertNull(c.analogIn().get(1).follows());
        assertEquals(1000, c.waveforms().get(0).length());
    }

    @Test
    void theConfigCopyInTheRepositoryIsTheDemoFile() throws Exception {
        Path root = Path.of(System.getProperty("jbec.root", "../.."));
        Path copy = root.resolve("config/sim-ioc.yaml");
        Path demo = root.resolve("bundles/org.jbec.epics.simioc/src/main/resources/sim-ioc.yaml");
        if (Files.exists(demo)) assertEquals(Files.readString(demo), Files.readString(copy));
    }

    @Test
    void unknownKeyNamesTheItemAndTheKey() {
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigParser.parse("f.yaml", """
                motors:
                  - {prefix: "A:M1"}
                  - {prefix: "A:M2", velo: 3}
                """));
        assertEquals("f.yaml: motors[1] (A:M2): unknown key 'velo' (allowed: egu, high_limit, low_limit, position, "
                + "precision, prefix, velocity)", e.getMessage());
    }

    @Test
    void otherMistakesAreNamed() {
        assertError("motors:\n  - {velocity: 2}\n", "f.yaml: motors[0]: 'prefix' is missing");
        assertError("motors:\n  - {prefix: A:M, velocity: fast}\n",
                "f.yaml: motors[0] (A:M): 'velocity' must be a number, got \"fast\"");
        assertError("motors:\n  - {prefix: A:M, precision: 2.5}\n", "f.yaml: motors[0] (A:M): 'precision' must be an integer");
        assertError("motors:\n  - {prefix: A:M, velocity: 0}\n", "'velocity' must be > 0");
        assertError("motors:\n  - {prefix: A:M, low_limit: -1, high_limit: 1, position: 3}\n", "'position' 3.0 is outside");
        assertError("port: 70000\nanalog_out: [{name: X}]\n", "f.yaml: top level: 'port' must be in [1, 65535], got 70000");
        assertError("speed: 1\n", "f.yaml: top level: unknown key 'speed'");
        assertError("motors: {prefix: A:M}\n", "f.yaml: 'motors' must be a list of items, got object");
        assertError("analog_in:\n  - {name: D, follows: NOPE}\n", "f.yaml: analog_in[0] (D): 'follows' names no motor: NOPE");
        assertError("analog_in:\n  - {name: D, center: 1}\n", "analog_in[0] (D): 'center' needs 'follows'");
        assertError("waveforms:\n  - {name: W}\n", "f.yaml: waveforms[0] (W): 'length' is missing");
        assertError("motors: [{prefix: A:M}]\nanalog_out: [{name: A:M.RBV}]\n",
                "f.yaml: analog_out[0] (A:M.RBV): PV A:M.RBV is already served by motors[0] (A:M)");
        assertError("", "f.yaml: the file is empty");
        assertError("port: 5064\n", "f.yaml: no PVs");
        assertError("motors: [{prefix: A:M}\n", "f.yaml: line ");
        assertError("port: 1\nport: 2\n", "not valid YAML");
    }

    @Test
    void badFileExitsWithStatus2AndNoStackTrace(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "analog_out:\n  - {name: \"X:AO\", value: high}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = SimIoc.run(new String[] {bad.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(2, status);
        assertEquals("", out.toString());
        String message = err.toString();
        assertEquals("sim-ioc: " + bad + ": analog_out[0] (X:AO): 'value' must be a number, got \"high\"\n", message);
        assertFalse(message.contains("Exception"), message);

        assertEquals(2, SimIoc.run(new String[] {dir.resolve("missing.yaml").toString()}, null,
                new PrintStream(out, true), new PrintStream(err, true)));
        assertTrue(err.toString().contains("missing.yaml: cannot read the file"), err.toString());
        assertEquals(2, SimIoc.run(new String[] {bad.toString(), "--port", "x"}, null,
                new PrintStream(out, true), new PrintStream(err, true)));
        assertEquals(2, SimIoc.run(new String[0], null, new PrintStream(out, true), new PrintStream(err, true)));
    }

    private static void assertError(String yaml, String expectedPart) {
        ConfigError e = assertThrows(ConfigError.class, () -> ConfigParser.parse("f.yaml", yaml), yaml);
        assertTrue(e.getMessage().contains(expectedPart), "message: " + e.getMessage() + "\nexpected: " + expectedPart);
    }
}
