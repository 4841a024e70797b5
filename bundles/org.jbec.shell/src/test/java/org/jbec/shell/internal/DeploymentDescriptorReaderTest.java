package org.jbec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jbec.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/** A descriptor read for one host and resolved to jars; every problem named at file:line:column. */
class DeploymentDescriptorReaderTest {

    @TempDir
    Path home;

    @BeforeEach
    void sources() throws IOException {
        TestBundles.jar(home.resolve("plugins/demo-1.0.0.jar"), "org.example.demo", "1.0.0");
        TestBundles.jar(home.resolve("plugins/demo-1.2.0.jar"), "org.example.demo", "1.2.0");
        TestBundles.jar(home.resolve("plugins/demo-2.0.0.jar"), "org.example.demo", "2.0.0");
        TestBundles.jar(home.resolve("plugins/other.jar"), "org.example.other", "0.3.0");
        Files.writeString(home.resolve("plugins/notes.txt"), "not a jar");
        TestBundles.jar(home.resolve("m2/org/example/org.example.scans/0.1.0-SNAPSHOT/org.example.scans-0.1.0-SNAPSHOT.jar"),
                "org.example.scans", "0.1.0.SNAPSHOT");
        TestBundles.jar(home.resolve("m2/org/example/org.example.scans/0.2.0/org.example.scans-0.2.0.jar"),
                "org.example.scans", "0.2.0");
        TestBundles.jar(home.resolve("lib/widgets-3.1.jar"), "org.example.widgets", "3.1.0");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/servers.yaml"), "redis:\n  port: 6379\n");
        Files.writeString(home.resolve("config/ds.yaml"), "samx:\n  deviceClass: ophyd_devices.SimPositioner\n"
                + "  readoutPriority: baseline\n  enabled: true\n");
    }

    private Path descriptor(String yaml) throws IOException {
        return Files.writeString(home.resolve("config/deployment.yaml"), yaml);
    }

    private List<DeploymentTargets.Target> targets(String host) throws ConfigException {
        DeploymentDescriptor d = new DeploymentDescriptorReader(home, home.resolve("m2"))
                .read(home.resolve("config/deployment.yaml"), "config/deployment.yaml", host);
        return DeploymentTargets.resolve(d);
    }

    private String problems(String host) {
        return assertThrows(ConfigException.class, () -> targets(host)).getMessage();
    }

    @Test
    void eachSourceGivesTheHighestVersionInTheRangeAndAHostEntryReplacesTheCommonOne() throws Exception {
        descriptor("""
                common:
                  bundles:
                    org.example.demo: {version: "[1.0,2.0)", folder: plugins}
                    org.example.scans: {version: "[0.1,1)", maven: org.example}
                hosts:
                  bl-ds:
                    servers_config: config/servers.yaml
                    device_session: config/ds.yaml
                    bundles:
                      org.example.widgets: {version: 3.1.0, file: lib/widgets-3.1.jar}
                  bl-scan:
                    bundles:
                      org.example.demo: {version: 1.0.0, folder: plugins}
                      org.example.scans: absent
                      org.jbec.device.server: absent
                """);
        List<DeploymentTargets.Target> ds = targets("bl-ds");
        assertEquals(List.of("org.example.demo 1.2.0 demo-1.2.0.jar", "org.example.scans 0.2.0 org.example.scans-0.2.0.jar",
                "org.example.widgets 3.1.0 widgets-3.1.jar"), ds.stream().map(t -> t.symbolicName() + " " + t.version()
                        + " " + t.jar().getFileName()).toList());
        assertEquals(List.of("org.example.demo 1.0.0"), targets("bl-scan").stream()
                .map(t -> t.symbolicName() + " " + t.version()).toList());
        assertEquals(List.of("org.example.scans", "org.jbec.device.server"), new DeploymentDescriptorReader(home,
                home.resolve("m2")).read(home.resolve("config/deployment.yaml"), "config/deployment.yaml", "bl-scan")
                .absent());
        DeploymentDescriptor d = new DeploymentDescriptorReader(home, home.resolve("m2"))
                .read(home.resolve("config/deployment.yaml"), "config/deployment.yaml", "bl-ds");
        assertEquals(home.resolve("config/ds.yaml"), d.deviceSession());
        assertEquals(home.resolve("config/servers.yaml"), d.serversConfig());
        assertEquals(64, d.sha256().length());
    }

    @Test
    void anExactVersionMeansThatVersionOnly() throws Exception {
        descriptor("""
                hosts:
                  bl-ds:
                    bundles:
                      org.example.scans: {version: 0.1.0.SNAPSHOT, maven: org.example}
                """);
        assertEquals(Version.parseVersion("0.1.0.SNAPSHOT"), targets("bl-ds").get(0).version());
    }

    @Test
    void badYamlIsReportedAtItsLine() throws Exception {
        descriptor("hosts:\n  bl-ds:\n    bundles: {org.example.demo: [1.0\n");
        String message = problems("bl-ds");
        assertEquals(true, message.startsWith("config/deployment.yaml:3:37: YAML syntax error: while parsing a flow sequence"),
                message);
    }

    @Test
    void anUnknownHostNamesTheHostsKeyAndTheHostsDescribed() throws Exception {
        descriptor("""
                # two hosts
                hosts:
                  bl-ds: {}
                  bl-scan: {}
                """);
        assertEquals("config/deployment.yaml:2:1: hosts: no host 'bl-other' (described: bl-ds, bl-scan; another host "
                + "with --host or JBEC_HOST)", problems("bl-other"));
    }

    @Test
    void anUnknownBundleAndAnUnresolvableVersionAreNamedAtTheirEntries() throws Exception {
        descriptor("""
                hosts:
                  bl-ds:
                    bundles:
                      org.example.demo: {version: "[3.0,4.0)", folder: plugins}
                      org.example.missing: {version: 1.0.0, folder: plugins}
                      org.example.scans: {version: 0.3.0, maven: org.example}
                """);
        assertEquals(String.join("\n",
                "config/deployment.yaml:4:7: bundles.org.example.demo: no version in [3.0,4.0) in folder "
                        + home.resolve("plugins") + " (there: 1.0.0, 1.2.0, 2.0.0)",
                "config/deployment.yaml:5:7: bundles.org.example.missing: unknown bundle: no org.example.missing in folder "
                        + home.resolve("plugins"),
                "config/deployment.yaml:6:7: bundles.org.example.scans: no version in 0.3.0 in Maven repository "
                        + home.resolve("m2") + " (org.example) (there: 0.1.0.SNAPSHOT, 0.2.0)"),
                problems("bl-ds"));
    }

    @Test
    void badEntriesKeysAndFilesAreEachReported() throws Exception {
        descriptor("""
                hosts:
                  bl-ds:
                    device_session: config/nothing.yaml
                    bundle: {}
                    bundles:
                      org.example.demo: {version: "1.x", folder: plugins}
                      org.example.other: {version: 0.3.0}
                      org.example.widgets: {version: 3.1.0, file: lib/none.jar, folder: lib}
                      org.example.scans: {maven: org.example}
                      org.example.x: {version: 1.0.0, folder: nowhere}
                """);
        assertEquals(String.join("\n",
                "config/deployment.yaml:4:5: hosts.bl-ds.bundle: unknown key; allowed here: bundles, device_session, "
                        + "servers_config",
                "config/deployment.yaml:6:35: hosts.bl-ds.bundles.org.example.demo.version: '1.x' is not an OSGi version "
                        + "(1.2.0) or range ([1.2,2)): invalid version \"1.x\": non-numeric \"x\"",
                "config/deployment.yaml:7:26: hosts.bl-ds.bundles.org.example.other: needs exactly one source: maven: "
                        + "GROUP_ID, folder: PATH or file: JAR",
                "config/deployment.yaml:8:28: hosts.bl-ds.bundles.org.example.widgets: needs exactly one source: maven: "
                        + "GROUP_ID, folder: PATH or file: JAR",
                "config/deployment.yaml:9:26: hosts.bl-ds.bundles.org.example.scans: needs a version: an exact version "
                        + "(1.2.0) or a range ([1.2,2))",
                "config/deployment.yaml:3:21: hosts.bl-ds.device_session: no such file " + home.resolve("config/nothing.yaml")),
                problems("bl-ds"));
    }

    @Test
    void theHostsConfigFilesAreCheckedWithTheirOwnFileAndLine() throws Exception {
        Files.writeString(home.resolve("config/bad-ds.yaml"), "samx:\n  deviceClass: ophyd_devices.SimPositioner\n"
                + "  readoutPriority: sometimes\n  enabled: true\n");
        Files.writeString(home.resolve("config/bad-servers.yaml"), "redis:\n  port: 99999\n");
        descriptor("""
                hosts:
                  bl-ds:
                    servers_config: config/bad-servers.yaml
                    device_session: config/bad-ds.yaml
                """);
        String message = problems("bl-ds");
        assertEquals(true, message.startsWith("config/bad-servers.yaml:2:9: redis.port: 99999 is outside 1..65535\n"
                + "config/bad-ds.yaml:3:20: samx.readoutPriority:"), message);
    }

    /** The descriptor shipped in config/ describes both hosts of the demo beamline without a problem. */
    @Test
    void theShippedDescriptorReadsForBothHosts() throws Exception {
        Path root = Path.of("../..").toAbsolutePath().normalize();
        DeploymentDescriptorReader reader = new DeploymentDescriptorReader(root, home.resolve("m2"));
        DeploymentDescriptor ioc = reader.read(root.resolve("config/deployment.yaml"), "config/deployment.yaml", "x10sa-ioc");
        assertEquals(List.of("org.jbec.beamline.demo", "org.jbec.device.epics"), ioc.bundles().stream()
                .map(DeploymentDescriptor.Entry::symbolicName).toList());
        assertEquals(List.of("org.jbec.scan.server", "org.jbec.scan.bundler", "org.jbec.scan.standard",
                "org.jbec.file.writer", "org.jbec.dap"), ioc.absent());
        DeploymentDescriptor scan = reader.read(root.resolve("config/deployment.yaml"), "config/deployment.yaml",
                "x10sa-scan");
        assertEquals(List.of("org.jbec.device.server", "org.jbec.device.sim", "org.jbec.device.epics"), scan.absent());
        assertEquals(root.resolve("config/servers.yaml"), scan.serversConfig());
    }

    @Test
    void aMissingFolderOrRepositoryIsNamedAtTheEntry() throws Exception {
        descriptor("""
                maven_repository: nowhere/m2
                hosts:
                  bl-ds:
                    bundles:
                      org.example.x: {version: 1.0.0, folder: nowhere}
                      org.example.scans: {version: 0.2.0, maven: org.example}
                """);
        assertEquals("config/deployment.yaml:5:7: bundles.org.example.x: no such folder " + home.resolve("nowhere")
                + "\nconfig/deployment.yaml:6:7: bundles.org.example.scans: no Maven repository at "
                + home.resolve("nowhere/m2"), problems("bl-ds"));
    }
}
