package org.jbec.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServersConfigReaderTest {

    private final ServersConfigReader reader = new ServersConfigReader("e12345");

    private ServersConfig parse(String yaml) throws ConfigException {
        return reader.validate(new YamlReader().read(new StringReader(yaml), "servers.yaml"), "servers.yaml");
    }

    private List<ConfigProblem> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).problems();
    }

    @Test
    void readsBecShapedConfig() throws Exception {
        ServersConfig c = parse("""
                redis:
                  host: bec-redis
                  port: 6380
                  embedded: false
                file_writer:
                  plugin: default_NeXus_format
                  base_path: /sls/x12sa/data
                log_writer:
                  base_path: /var/log/bec
                  level: debug
                  levels:
                    org.jbec.bus: TRACE
                abort_on_ctrl_c: false
                enforce_acls: true
                acl:
                  user: admin
                """);
        assertEquals(new ServersConfig.Redis("bec-redis", 6380, false), c.redis());
        assertEquals("/sls/x12sa/data", c.fileWriter().basePath());
        assertEquals("DEBUG", c.log().level());
        assertEquals(Map.of("org.jbec.bus", "TRACE"), c.log().levels());
        assertFalse(c.abortOnCtrlC());
        assertTrue(c.enforceAcls());
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        ServersConfig c = parse("");
        ServersConfig d = ServersConfig.defaults();
        assertEquals(d.redis(), c.redis());
        assertEquals(d.fileWriter(), c.fileWriter());
        assertEquals(d.log(), c.log());
    }

    @Test
    void shippedConfigIsValid() throws Exception {
        Path shipped = Path.of(System.getProperty("jbec.root", "../.."), "config/servers.yaml");
        ServersConfig c = reader.read(shipped, "config/servers.yaml");
        assertEquals(6379, c.redis().port());
        assertTrue(c.redis().embedded());
    }

    @Test
    void unknownKeyIsNamedWithLine() {
        List<ConfigProblem> p = problems("""
                redis:
                  host: localhost
                  prot: 6379
                """);
        assertEquals(1, p.size());
        assertEquals(3, p.get(0).line());
        assertEquals("redis.prot", p.get(0).key());
        assertTrue(p.get(0).toString().startsWith("servers.yaml:3:3: redis.prot: unknown key"), p.get(0).toString());
        assertTrue(p.get(0).message().contains("port"), "lists the allowed keys");
    }

    @Test
    void scanServerRecoverySettingsAreReadAndChecked() throws Exception {
        assertEquals(ServersConfig.ScanServer.DEFAULTS, parse("").scanServer());
        ServersConfig.ScanServer s = parse("scan_server:\n  restart_interrupted: true\n"
                + "  resume_queue_after_restart: true\n  on_redis_outage: abort\n").scanServer();
        assertEquals(new ServersConfig.ScanServer(true, true, true), s);
        List<ConfigProblem> p = problems("scan_server:\n  on_redis_outage: retry\n");
        assertEquals(1, p.size());
        assertEquals("scan_server.on_redis_outage", p.get(0).key());
        assertEquals(2, p.get(0).line());
        assertTrue(p.get(0).message().contains("pause or abort"), p.get(0).message());
    }

    @Test
    void partFileSizeIsReadAndBounded() throws Exception {
        assertEquals(16, parse("file_writer:\n  part_mb: 16\n").fileWriter().partMb());
        assertEquals(64, parse("").fileWriter().partMb());
        List<ConfigProblem> p = problems("file_writer:\n  part_mb: 0\n");
        assertEquals(1, p.size());
        assertEquals("file_writer.part_mb", p.get(0).key());
        assertEquals(2, p.get(0).line());
    }

    @Test
    void badValuesAreAllReported() {
        List<ConfigProblem> p = problems("""
                redis:
                  port: "six"
                  embedded: yes please
                log_writer:
                  level: LOUD
                abort_on_ctrl_c: 1
                colour: blue
                """);
        assertEquals(java.util.Set.of("redis.port", "redis.embedded", "log_writer.level", "abort_on_ctrl_c",
                "colour"), p.stream().map(ConfigProblem::key).collect(java.util.stream.Collectors.toSet()));
        assertEquals(5, p.size());
        assertEquals(2, p.stream().filter(x -> x.key().equals("redis.port")).findFirst().get().line());
    }

    @Test
    void portOutOfRange() {
        ConfigProblem p = problems("redis:\n  port: 70000\n").get(0);
        assertEquals("redis.port", p.key());
        assertTrue(p.message().contains("1..65535"), p.message());
    }

    @Test
    void basePathPerAccountAsBec() throws Exception {
        String yaml = """
                file_writer:
                  base_path:
                    "e1.*": /data/$username/raw
                    "*": /data/shared
                """;
        assertEquals("/data/e12345/raw", parse(yaml).fileWriter().basePath());
        ServersConfig other = new ServersConfigReader("p20000").validate(
                new YamlReader().read(new StringReader(yaml), "s.yaml"), "s.yaml");
        assertEquals("/data/shared", other.fileWriter().basePath());
    }

    @Test
    void basePathWithoutMatchOrDefaultIsAnError() {
        ConfigProblem p = problems("file_writer:\n  base_path:\n    \"p.*\": /x\n").get(0);
        assertEquals("file_writer.base_path", p.key());
        assertTrue(p.message().contains("e12345"), p.message());
    }

    @Test
    void duplicateKeyIsAnError() {
        ConfigProblem p = problems("redis:\n  port: 1\n  port: 2\n").get(0);
        assertEquals(3, p.line());
        assertTrue(p.message().contains("duplicate"), p.message());
    }

    @Test
    void syntaxErrorNamesTheLine() {
        ConfigProblem p = problems("redis:\n  host: [unclosed\n  port: 1\n").get(0);
        assertTrue(p.line() >= 2, p.toString());
        assertTrue(p.message().startsWith("YAML syntax error"), p.message());
    }

    @Test
    void topLevelMustBeAMapping() {
        ConfigProblem p = problems("- a\n- b\n").get(0);
        assertTrue(p.message().contains("mapping"), p.message());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader.read(dir.resolve("nope.yaml"), "config/nope.yaml"));
        assertEquals("config/nope.yaml: file not found", e.getMessage());
    }

    @Test
    void readsFromFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, "redis:\n  port: 7001\n");
        assertEquals(7001, reader.read(file, "s.yaml").redis().port());
    }
}
