package org.jbec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.RedisAddress;
import org.jbec.launcher.redis.RedisProbe;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code jbec} command end to end, as an operator runs it: real processes, a real embedded Redis,
 * the resolved runtime. Each test has its own Redis port and its own var/ folder (JBEC_VAR), so it
 * never touches a running instance or a Redis it did not start.
 */
class JbecCommandTest {

    private static final Path ROOT = ItestRuntime.root();

    @TempDir
    Path work;

    private int port;
    /** A second free port, distinct from {@link #port}, for a test's own server (the EPICS IOC). */
    private int sparePort;
    private Path config;

    /** Output and exit status of one jbec call. */
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeEach
    void freshConfig() throws IOException {
        int[] ports = PrivateRedis.freePorts(2);
        port = ports[0];
        sparePort = ports[1];
        config = writeConfig("servers.yaml", "redis:\n  host: localhost\n  port: " + port + "\n"
                + "log_writer:\n  base_path: " + work.resolve("log") + "\n");
    }

    @AfterEach
    void stopLeftovers() throws Exception {
        jbec(List.of("stop"));
    }

    private Path writeConfig(String name, String yaml) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private Result jbec(List<String> args, String... env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("jbec").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> environment = pb.environment();
        environment.remove("JBEC_REDIS");
        environment.put("JBEC_VAR", work.resolve("var").toString());
        for (int i = 0; i < env.length; i += 2) {
            environment.put(env[i], env[i + 1]);
        }
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            // what it printed says where it hung: the transcript goes into the failure
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("jbec " + args + " did not finish within 120 s; it printed:\n"
                    + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Path script(String text) throws IOException {
        Path file = work.resolve("script.gogo");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void runShowsEmbeddedRedisConnectedAndEveryBundleActive() throws Exception {
        Result r = jbec(List.of("--config", config.toString(), "run", script("status\n").toString()));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("localhost:" + port + " connected"), r.all());
        assertTrue(r.out().contains("embedded: redis-server"), r.all());
        assertTrue(r.out().contains("ready       yes"), r.all());
        assertTrue(r.out().matches("(?s).*bundles\\s+\\d+ active, 0 not active.*"), r.out());
        assertEquals(RedisProbe.Kind.NOTHING, new RedisProbe(1000).probe(new RedisAddress("127.0.0.1", port)).kind(),
                "the embedded Redis is stopped on exit");
    }

    @Test
    void operatorCommandsMoveScanAndShowTheHistory() throws Exception {
        Path servers = writeConfig("ops-servers.yaml", "redis:\n  host: localhost\n  port: " + port + "\n"
                + "log_writer:\n  base_path: " + work.resolve("log") + "\n"
                + "  levels:\n    io.jhdf: ERROR\n"
                + "file_writer:\n  base_path: " + work.resolve("data") + "\n");
        Path devices = writeConfig("ops-devices.yaml", """
                samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                       deviceConfig: {delay: 0, limits: [-50, 50]}}
                samy: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                       deviceConfig: {delay: 0, limits: [-50, 50]}}
                bpm4i: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                        deviceConfig: {noise: none}}
                """);
        Result r = jbec(List.of("--config", servers.toString(), "--devices", devices.toString(), "run", script("""
                umv samx 2
                wm sam
                line_scan samx -1 1 --steps 5 --relative false
                ascan samy 0 1 3 0
                queue
                history
                """).toString()));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("done: samx 2.0000"), r.all());
        assertTrue(r.out().matches("(?s).*samx\\s+2\\.0000\\s+-50\\.0000\\s+50\\.0000.*"), r.all());
        assertTrue(r.out().contains("Scan 1 (line_scan, 5 points)"), r.all());
        assertTrue(r.out().matches("(?s).*\\n\\s+4\\s+1\\.00000\\s+\\S+\\s+\\[#{20}\\] 5/5.*"), r.all());
        assertTrue(r.out().contains("Scan 1 closed: 5 points"), r.all());
        assertTrue(r.out().contains("Scan 2 closed: 3 points"), r.all());
        assertTrue(r.out().contains("queue primary: RUNNING"), r.all());
        assertTrue(r.out().matches("(?s).*\\n\\s+1 \\S+ \\S+\\s+line_scan\\s+closed\\s+5\\s+.*S00001_master\\.h5.*"),
                r.all());
        assertTrue(r.out().contains("file " + work.resolve("data/S00000-00999/S00001/S00001_master.h5")), r.all());
        assertTrue(Files.isRegularFile(work.resolve("data/S00000-00999/S00001/S00001_master.h5")));
    }

    /**
     * The interactive shell through a real terminal: umv with its readbacks, a scan with its live
     * table, Ctrl-C asking for a deferred pause (the scan runs to its end), a second scan aborted by
     * two Ctrl-C, continue, history.
     */
    @Test
    void anOperatorAtTheInteractiveShell() throws Exception {
        Path servers = writeConfig("pty-servers.yaml", "redis:\n  host: localhost\n  port: " + port + "\n"
                + "log_writer:\n  base_path: " + work.resolve("log") + "\n  levels:\n    io.jhdf: ERROR\n"
                + "file_writer:\n  base_path: " + work.resolve("data") + "\n");
        Path devices = writeConfig("pty-devices.yaml", """
                samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                       deviceConfig: {delay: 0, limits: [-50, 50]}}
                bpm4i: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                        deviceConfig: {noise: none}}
                """);
        List<List<Object>> steps = List.of(
                List.of("expect", "jbec> ", 90),
                List.of("send", "umv samx 2\r"),
                List.of("expect", "done: samx 2\\.0000", 30),
                List.of("expect", "jbec> ", 10),
                List.of("send", "line_scan samx -1 1 --steps 40 --exp_time 0.1 --relative false\r"),
                List.of("expect", "\\n\\s+3\\s+-0\\.8", 30),
                List.of("ctrlc"),
                List.of("expect", "Ctrl-C: the queue pauses after this scan", 10),
                List.of("expect", "Scan 1 closed: 40 points", 30),
                List.of("expect", "jbec> ", 30),
                List.of("send", "line_scan samx -1 1 --steps 40 --exp_time 0.1 --relative false\r"),
                List.of("expect", "\\n\\s+3\\s+-0\\.8", 30),
                List.of("ctrlc"),
                List.of("expect", "Ctrl-C: the queue pauses", 10),
                List.of("ctrlc"),
                List.of("expect", "Ctrl-C again: aborting the scan", 10),
                List.of("expect", "Scan 2 aborted \\(user\\)", 30),
                List.of("expect", "jbec> ", 30),
                List.of("send", "continue\r"),
                List.of("expect", "continue sent to queue primary", 10),
                List.of("send", "history\r"),
                List.of("expect", "line_scan\\s+closed\\s+40", 10),
                // completion of device names: "bpm" alone names no device
                List.of("send", "read bpm\t"),
                List.of("expect", "read(\\x1b\\[[0-9;?]*[A-Za-z])*\\s+bpm4i", 10),
                List.of("send", "\r"),
                List.of("expect", "bpm4i\\s+100", 10),
                List.of("send", "exit 0\r"),
                List.of("ends", 60));
        Path driver = work.resolve("pty_session.py");
        try (var in = getClass().getResourceAsStream("/pty_session.py")) {
            Files.write(driver, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", driver.toString(),
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(steps), "--",
                ROOT.resolve("jbec").toString(), "--config", servers.toString(), "--devices", devices.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().remove("JBEC_REDIS");
        pb.environment().put("JBEC_VAR", work.resolve("var").toString());
        Process p = pb.start();
        String transcript = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), transcript);
    }

    private Path fastSession() throws IOException {
        return writeConfig("fast-devices.yaml", """
                samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                       deviceConfig: {delay: 0, limits: [-50, 50]}}
                samy: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                       deviceConfig: {delay: 0, limits: [-50, 50]}}
                bpm4i: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                        deviceConfig: {noise: none}}
                """);
    }

    private Path dataConfig() throws IOException {
        return writeConfig("data-servers.yaml", "redis:\n  host: localhost\n  port: " + port + "\n"
                + "log_writer:\n  base_path: " + work.resolve("log") + "\n  levels:\n    io.jhdf: ERROR\n"
                + "file_writer:\n  base_path: " + work.resolve("data") + "\n");
    }

    @Test
    void aScanBundleUpgradedWhileItsQueueRunsFailsNoScan() throws Exception {
        Path jar = ROOT.resolve("scan-bundles/org.jbec.scan.standard/target/org.jbec.scan.standard-0.1.0-SNAPSHOT.jar");
        Result r = jbec(List.of("--config", dataConfig().toString(), "--devices", fastSession().toString(), "run",
                script("""
                line_scan samx -1 1 --steps 20 --exp_time 0.05 --relative false --no_wait
                line_scan samx -1 1 --steps 20 --exp_time 0.05 --relative false --no_wait
                upgrade org.jbec.scan.standard %s
                line_scan samx -1 1 --steps 5 --relative false
                history
                """.formatted(jar)).toString()));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().matches("(?s).*org\\.jbec\\.scan\\.standard \\S+ -> \\S+: running \\(.*between items\\).*"),
                r.all());
        assertTrue(r.out().contains("Scan 3 closed: 5 points"), r.all());
        for (int scan = 1; scan <= 3; scan++) {
            assertTrue(r.out().matches("(?s).*\\n\\s+" + scan + " \\S+ \\S+\\s+line_scan\\s+closed\\s+.*"),
                    "scan " + scan + " closed in the history:\n" + r.all());
        }
        assertFalse(r.out().contains("aborted"), r.all());
    }

    @Test
    void anUpgradeWhoseBundleCannotStartIsRolledBack() throws Exception {
        Path good = ROOT.resolve("scan-bundles/org.jbec.scan.standard/target/org.jbec.scan.standard-0.1.0-SNAPSHOT.jar");
        Path broken = work.resolve("broken-scans.jar");
        try (var in = new java.util.jar.JarFile(good.toFile());
                var out = new java.util.jar.JarOutputStream(Files.newOutputStream(broken), brokenManifest(in))) {
            for (var e : java.util.Collections.list(in.entries())) {
                if (!e.getName().equals("META-INF/MANIFEST.MF")) {
                    out.putNextEntry(new java.util.jar.JarEntry(e.getName()));
                    in.getInputStream(e).transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Result r = jbec(List.of("--config", dataConfig().toString(), "--devices", fastSession().toString(), "run",
                script("""
                upgrade org.jbec.scan.standard %s
                line_scan samx -1 1 --steps 3 --relative false
                """.formatted(broken)).toString()));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("the new version failed"), r.all());
        assertTrue(r.out().contains("does.not.exist"), r.all());
        assertTrue(r.out().contains("rolled back"), r.all());
        assertTrue(r.out().contains("Scan 1 closed: 3 points"), "the old scans still run:\n" + r.all());
    }

    private static java.util.jar.Manifest brokenManifest(java.util.jar.JarFile jar) throws IOException {
        java.util.jar.Manifest m = new java.util.jar.Manifest(jar.getManifest());
        String imports = m.getMainAttributes().getValue("Import-Package");
        m.getMainAttributes().putValue("Import-Package", imports + ",does.not.exist");
        return m;
    }

    @Test
    void theSessionIsChangedFromTheShellThroughTheDeviceServer() throws Exception {
        Path session = fastSession();
        Path bad = writeConfig("bad-session.yaml", "samx:\n  deviceClass: ophyd_devices.SimPositioner\n"
                + "  readoutPriority: sometimes\n");
        Result r = jbec(List.of("--config", dataConfig().toString(), "--devices", session.toString(), "run",
                script("""
                device_disable bpm4i
                devices
                device_set samx readoutPriority monitored
                config_diff %s
                config_save %s
                config_load %s
                """.formatted(session, work.resolve("saved.yaml"), bad)).toString()));
        assertEquals(1, r.exit(), r.all()); // the bad file fails its line of the script
        assertTrue(r.out().contains("update accepted ([bpm4i])"), r.all());
        assertTrue(r.out().matches("(?s).*bpm4i\\s+ophyd_devices.SimMonitor\\s+monitored\\s+false.*"), r.all());
        assertTrue(r.out().contains("~ samx.readoutPriority: monitored -> baseline"), r.all());
        assertTrue(r.out().contains("~ bpm4i.enabled: false -> true"), r.all());
        assertTrue(Files.readString(work.resolve("saved.yaml")).contains("readoutPriority: \"monitored\""));
        assertTrue(r.err().contains("bad-session.yaml:3"), r.err());
        assertTrue(r.err().contains("samx.readoutPriority"), r.err());
    }

    /** A line scan of an EPICS motor with an EPICS detector, the IOC in its own process. */
    @Test
    void aLineScanOfAnEpicsMotorWritesItsFile() throws Exception {
        int iocPort = sparePort;
        Path iocConfig = writeConfig("ioc.yaml", """
                motors:
                  - {prefix: "SIM:MTR1", velocity: 20.0, low_limit: -50, high_limit: 50, egu: mm, precision: 3, position: 0}
                  - {prefix: "SIM:MTR2", velocity: 20.0, low_limit: -10, high_limit: 10, egu: mm, precision: 3, position: 0}
                analog_in:
                  - {name: "SIM:DET1", follows: "SIM:MTR1", center: 0.0, sigma: 1.0, amplitude: 100.0, noise: 0.0, egu: counts}
                  - {name: "SIM:CUR", value: 400.0, noise: 0.0, egu: mA}
                analog_out:
                  - {name: "SIM:AO1", value: 0.0, egu: V}
                """);
        Path module = ROOT.resolve("bundles/org.jbec.epics.simioc/target");
        Path jar;
        try (var jars = Files.list(module)) {
            jar = jars.filter(p -> p.getFileName().toString().matches("org\\.jbec\\.epics\\.simioc-[^t]*\\.jar"))
                    .findFirst().orElseThrow();
        }
        Process ioc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DCA_DISABLE_REPEATER=true", "-cp", jar + java.io.File.pathSeparator + module.resolve("lib") + "/*",
                "org.jbec.epics.simioc.SimIoc", iocConfig.toString(), "--port", Integer.toString(iocPort))
                .redirectErrorStream(true).redirectOutput(work.resolve("ioc.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(work.resolve("ioc.out")).contains("sim-ioc ready")) {
                assertTrue(ioc.isAlive() && System.nanoTime() < deadline, Files.readString(work.resolve("ioc.out")));
                Thread.sleep(20);
            }
            Result r = jbec(List.of("--config", dataConfig().toString(), "--devices",
                    ROOT.resolve("config/epics-demo.yaml").toString(), "run", script("""
                    umv mx -1
                    line_scan mx -1 1 --steps 5 --relative false
                    """).toString()), "EPICS_CA_ADDR_LIST", "127.0.0.1", "EPICS_CA_AUTO_ADDR_LIST", "NO",
                    "EPICS_CA_SERVER_PORT", Integer.toString(iocPort));
            assertEquals(0, r.exit(), r.all());
            assertTrue(r.out().contains("Scan 1 (line_scan, 5 points)"), r.all());
            assertTrue(r.out().matches("(?s).*\\n\\s+2\\s+0\\.00000\\s+100\\.000.*"), "mx 0 with det1 at its peak:\n" + r.all());
            assertTrue(r.out().contains("Scan 1 closed: 5 points"), r.all());
            assertTrue(Files.isRegularFile(work.resolve("data/S00000-00999/S00001/S00001_master.h5")), r.all());

            // the IOC goes away: a scan that needs its motor fails at once, naming the PV
            ioc.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            long start = System.nanoTime();
            Result down = jbec(List.of("--config", dataConfig().toString(), "--devices",
                    ROOT.resolve("config/epics-demo.yaml").toString(), "run", script("""
                    line_scan mx -1 1 --steps 3 --relative false
                    alarms
                    """).toString()), "EPICS_CA_ADDR_LIST", "127.0.0.1", "EPICS_CA_AUTO_ADDR_LIST", "NO",
                    "EPICS_CA_SERVER_PORT", Integer.toString(iocPort));
            assertTrue(down.out().contains("SIM:MTR1"), "the PV is named:\n" + down.all());
            assertFalse(down.out().contains("Scan 1 closed"), down.all());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60), "failed fast");
        } finally {
            ioc.destroyForcibly();
        }
    }

    /** A beamline developer's first hour: generate a plugin, build it, deploy it live, use its scan and device class. */
    @Test
    void aGeneratedPluginIsBuiltDeployedAndUsedWithoutRestart() throws Exception {
        Result created = jbec(List.of("plugin", "create", "beamx", "--into", work.toString()));
        assertEquals(0, created.exit(), created.all());
        Path module = work.resolve("org.jbec.beamline.beamx");
        Process build = new ProcessBuilder("mvn", "-B", "-q", "-o", "-f", module.resolve("pom.xml").toString(), "package")
                .redirectErrorStream(true).redirectOutput(work.resolve("build.out").toFile()).start();
        assertTrue(build.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, build.exitValue(), Files.readString(work.resolve("build.out")));
        Path jar = module.resolve("target/org.jbec.beamline.beamx-0.1.0-SNAPSHOT.jar");
        Result r = jbec(List.of("--config", dataConfig().toString(), "--devices", fastSession().toString(), "run",
                script("""
                umv samx 2
                deploy %s
                config_add %s
                read beamx_counter
                beamx_count 2
                """.formatted(jar, module.resolve("config/beamx.yaml"))).toString()));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("org.jbec.beamline.beamx 0.1.0"), r.all());
        assertTrue(r.out().contains("installed and running"), r.all());
        assertTrue(r.out().contains("add accepted ([beamx_counter])"), r.all());
        assertTrue(r.out().matches("(?s).*beamx_counter\\s+20\\.0.*"), "gain 10 × samx 2:\n" + r.all());
        assertTrue(r.out().contains("Scan 1 (beamx_count, 2 points)"), r.all());
        assertTrue(r.out().contains("Scan 1 closed: 2 points"), r.all());
    }

    /**
     * Soak: a queue of scans keeps running while the simulated-device bundle, the standard scans and the
     * demo plugin are upgraded at random moments. No scan may fail, every point must reach its file,
     * samx must be where it was after every device upgrade.
     */
    @Test
    void upgradesAtRandomMomentsUnderARunningQueueLoseNothing() throws Exception {
        java.util.Random random = new java.util.Random(42);
        Path sim = ROOT.resolve("device-bundles/org.jbec.device.sim/target/org.jbec.device.sim-0.1.0-SNAPSHOT.jar");
        Path scans = ROOT.resolve("scan-bundles/org.jbec.scan.standard/target/org.jbec.scan.standard-0.1.0-SNAPSHOT.jar");
        Path demo = ROOT.resolve("beamline-plugins/org.jbec.beamline.demo/target/org.jbec.beamline.demo-0.1.0-SNAPSHOT.jar");
        List<String> bundles = List.of("org.jbec.device.sim " + sim, "org.jbec.scan.standard " + scans,
                "org.jbec.beamline.demo " + demo);
        StringBuilder text = new StringBuilder("deploy " + demo + "\numv samx 1\n");
        int scansQueued = 0;
        int upgrades = 0;
        for (int round = 0; round < 25; round++) {
            for (int k = random.nextInt(3); k >= 0; k--) {
                text.append("line_scan samy -1 1 --steps 10 --exp_time 0.01 --relative false --no_wait\n");
                scansQueued++;
            }
            text.append(random.nextBoolean() ? "upgrade " : "upgrade --now ")
                    .append(bundles.get(random.nextInt(bundles.size()))).append('\n');
            upgrades++;
            text.append("wm samx\n");
        }
        text.append("line_scan samy -1 1 --steps 10 --relative false\nhistory --last 100\n");
        scansQueued++;
        Result r = jbec(List.of("--config", dataConfig().toString(), "--devices", fastSession().toString(), "run",
                script(text.toString()).toString()));
        assertEquals(0, r.exit(), r.all());
        List<String> outcomes = r.out().lines().filter(l -> l.contains(" -> ") && l.contains("running (")).toList();
        assertEquals(upgrades, outcomes.size(), "every upgrade came back running:\n" + r.all());
        long closed = r.out().lines().filter(l -> l.matches("\\s+\\d+ \\S+ \\S+\\s+line_scan\\s+closed\\s+10\\s+.*"))
                .count();
        assertEquals(scansQueued, closed, "every scan closed with its 10 points in the history:\n" + r.all());
        assertFalse(r.out().contains("aborted"), r.all());
        assertFalse(r.out().contains("no file"), r.all());
        long samxLines = r.out().lines().filter(l -> l.matches("samx\\s+1\\.0000\\s+.*")).count();
        assertEquals(upgrades, samxLines, "samx stays at 1 through every upgrade:\n" + r.all());
        System.out.println("soak: " + upgrades + " upgrades, " + scansQueued + " scans; upgrade outcomes:\n"
                + String.join("\n", outcomes));
    }

    /** The example beamline plugin: slit pseudo-motors, the monochromator energy and its energy scan. */
    @Test
    void theDemoBeamlinePluginBringsPseudoMotorsAndAnEnergyScan() throws Exception {
        Path demo = ROOT.resolve("beamline-plugins/org.jbec.beamline.demo/target/org.jbec.beamline.demo-0.1.0-SNAPSHOT.jar");
        Path optics = writeConfig("optics.yaml", """
                bl: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                     deviceConfig: {delay: 0, limits: [-20, 20]}}
                br: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                     deviceConfig: {delay: 0, limits: [-20, 20]}}
                slit_gap: {readoutPriority: baseline, deviceClass: demo.SlitAxis, enabled: true, needs: [bl, br],
                           deviceConfig: {axis: gap, left: bl, right: br}}
                slit_centre: {readoutPriority: baseline, deviceClass: demo.SlitAxis, enabled: true, needs: [bl, br],
                              deviceConfig: {axis: centre, left: bl, right: br}}
                theta: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                        deviceConfig: {delay: 0, limits: [1, 80]}}
                mono: {readoutPriority: baseline, deviceClass: demo.MonoEnergy, enabled: true, needs: [theta],
                       deviceConfig: {theta: theta}}
                """);
        Result r = jbec(List.of("--config", dataConfig().toString(), "--devices", fastSession().toString(), "run",
                script("""
                deploy %s
                config_add %s
                umv slit_gap 2
                umv slit_centre 0.5
                wm bl br slit
                umv mono 8
                energy_scan 8 9 3
                """.formatted(demo, optics)).toString()));
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().matches("(?s).*\\nbl\\s+-0\\.5000\\s.*"), "blades at centre ∓ gap/2:\n" + r.all());
        assertTrue(r.out().matches("(?s).*\\nbr\\s+1\\.5000\\s.*"), r.all());
        assertTrue(r.out().matches("(?s).*\\nslit_gap\\s+2\\.0000\\s.*"), r.all());
        assertTrue(r.out().contains("done: mono 8.0000"), r.all());
        assertTrue(r.out().contains("Scan 1 (energy_scan, 3 points)"), r.all());
        assertTrue(r.out().matches("(?s).*\\n\\s+1\\s+8\\.50000\\s.*"), "the middle point at 8.5 keV:\n" + r.all());
        assertTrue(r.out().contains("Scan 1 closed: 3 points"), r.all());
        // the plugin's own group in the NeXus file, read by h5py
        Path file = work.resolve("data/S00000-00999/S00001/S00001_master.h5");
        Process h5py = new ProcessBuilder("/usr/bin/python3", "-c", "import h5py, sys; f = h5py.File(sys.argv[1], 'r'); "
                + "g = f['/entry/demo_beamline']; print(g.attrs['NX_class'].decode(), round(float(g['mono'][()]), 3), "
                + "round(float(g['slit_gap'][()]), 3))", file.toString()).redirectErrorStream(true).start();
        String read = new String(h5py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(h5py.waitFor(60, TimeUnit.SECONDS));
        assertEquals("NXcollection 8.0 2.0", read);
    }

    @Test
    void aScanCommandWithBadArgumentsSaysWhatIsWrong() throws Exception {
        Result r = jbec(List.of("--config", config.toString(), "run", script("""
                line_scan samx -1 1 --steps zero --relative false
                """).toString()));
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("--steps must be an integer, not 'zero'"), r.err());
    }

    @Test
    void aFailingCommandFailsTheRunNamingTheLine() throws Exception {
        Result r = jbec(List.of("--config", config.toString(), "run",
                script("# comment\necho first\nno_such_command\necho never\n").toString()));
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("first"), r.all());
        assertFalse(r.out().contains("never"), r.all());
        assertTrue(r.err().contains("script.gogo:3: no_such_command"), r.err());
    }

    @Test
    void startStatusStop() throws Exception {
        Result start = jbec(List.of("--config", config.toString(), "start"));
        assertEquals(0, start.exit(), start.all());
        assertTrue(start.out().startsWith("jBEC started in "), start.out());
        assertTrue(Files.exists(work.resolve("var/jbec.pid")));

        Result status = jbec(List.of("status"));
        assertEquals(0, status.exit(), status.all());
        assertTrue(status.out().contains("ready       yes"), status.out());
        assertTrue(status.out().contains("embedded: redis-server"), status.out());

        Result again = jbec(List.of("--config", config.toString(), "start"));
        assertEquals(1, again.exit(), "a second instance is refused");
        assertTrue(again.err().contains("already running"), again.err());

        Result stop = jbec(List.of("stop"));
        assertEquals(0, stop.exit(), stop.all());
        assertFalse(Files.exists(work.resolve("var/jbec.pid")));
        assertEquals(RedisProbe.Kind.NOTHING, new RedisProbe(1000).probe(new RedisAddress("127.0.0.1", port)).kind());

        Result notRunning = jbec(List.of("status"));
        assertEquals(3, notRunning.exit());
        assertTrue(notRunning.out().contains("not running"), notRunning.out());
    }

    /**
     * A jBEC killed with SIGKILL leaves its embedded Redis running (with the queue in it); the next
     * start uses that server, says so, and stops it at {@code jbec stop} as one it started itself.
     */
    @Test
    void theEmbeddedRedisOfAKilledJbecIsTakenOverAndStoppedWithTheNextOne() throws Exception {
        Result first = jbec(List.of("--config", config.toString(), "start"));
        assertEquals(0, first.exit(), first.all());
        long pid = Long.parseLong(Files.readString(work.resolve("var/jbec.pid")).strip());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        assertTrue(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS));
        daemon.onExit().get(30, TimeUnit.SECONDS);
        RedisAddress redis = new RedisAddress("127.0.0.1", port);
        assertEquals(RedisProbe.Kind.REDIS, new RedisProbe(1000).probe(redis).kind(), "the killed jBEC's Redis runs on");

        Result second = jbec(List.of("--config", config.toString(), "start"));
        assertEquals(0, second.exit(), second.all());
        assertTrue(second.err().contains("that an earlier jBEC of this home left running on port " + port), second.all());
        Result status = jbec(List.of("status"));
        assertTrue(status.out().contains("(left running by an earlier jBEC, adopted)"), status.out());
        Result stop = jbec(List.of("stop"));
        assertEquals(0, stop.exit(), stop.all());
        assertEquals(RedisProbe.Kind.NOTHING, new RedisProbe(1000).probe(redis).kind(), "stopped with the second jBEC");
    }

    /** A web port taken by another program: jBEC runs without its web view, and start says so. */
    @Test
    void startSaysWhenTheWebViewIsOffBecauseItsPortIsTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(sparePort)) {
            Result start = jbec(List.of("--config", config.toString(), "start"), "JBEC_HTTP_PORT",
                    Integer.toString(sparePort));
            assertEquals(0, start.exit(), start.all());
            assertTrue(start.out().startsWith("jBEC started in "), start.out());
            assertTrue(start.err().contains("jbec: port " + sparePort + " is in use: web view off"), start.all());
        }
    }

    @Test
    void twoFrameworksInTwoProcessesSeeEachOtherThroughTheBus() throws Exception {
        Result a = jbec(List.of("--config", config.toString(), "start"));
        assertEquals(0, a.exit(), a.all());
        // a second framework in another process, with its own var/, on the first one's Redis
        Path otherVar = work.resolve("var-b");
        Result b = jbec(List.of("--config", config.toString(), "run", script("status\n").toString()),
                "JBEC_VAR", otherVar.toString(), "JBEC_REDIS", "127.0.0.1:" + port);
        assertEquals(0, b.exit(), b.all());
        assertTrue(b.out().contains("external server"), "B uses A's Redis: " + b.out());
        long frameworks = b.out().lines().filter(l -> l.contains("RUNNING") && l.contains("JbecFramework/")).count();
        assertEquals(2, frameworks, "B sees A's heartbeat and its own: " + b.out());
        Result statusA = jbec(List.of("status"));
        assertEquals(1, statusA.out().lines().filter(l -> l.contains("JbecFramework/")).count(),
                "B's heartbeat is gone once B stopped: " + statusA.out());
        assertTrue(statusA.out().lines().anyMatch(l -> l.contains("RUNNING") && l.contains("DeviceServer")),
                "A runs the (unique) device server: " + statusA.out());
    }

    @Test
    void usesAnExternalRedisNamedByJbecRedis() throws Exception {
        try (PrivateRedis external = PrivateRedis.start()) {
            Result r = jbec(List.of("--config", config.toString(), "run", script("status\n").toString()),
                    "JBEC_REDIS", external.address().toString());
            assertEquals(0, r.exit(), r.all());
            assertTrue(r.out().contains(external.address() + " connected"), r.all());
            assertTrue(r.out().contains("external server"), r.all());
            assertTrue(external.isAlive(), "an external Redis is left running");
        }
    }

    @Test
    void badServersConfigIsReportedWithFileLineAndKey() throws Exception {
        Path bad = writeConfig("bad.yaml", "redis:\n  host: localhost\n  prot: 6379\n");
        Result r = jbec(List.of("--config", bad.toString(), "run", script("status\n").toString()));
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("bad.yaml:3:3: redis.prot: unknown key"), r.err());
    }

    @Test
    void somethingElseOnTheRedisPortIsAClearError() throws Exception {
        try (ServerSocket notRedis = new ServerSocket(0)) {
            Path other = writeConfig("other.yaml", "redis:\n  port: " + notRedis.getLocalPort() + "\n");
            Result r = jbec(List.of("--config", other.toString(), "run", script("status\n").toString()));
            assertEquals(1, r.exit(), r.all());
            assertTrue(r.err().contains("something that is not Redis answers at localhost:" + notRedis.getLocalPort()),
                    r.err());
        }
    }

    @Test
    void logLevelsComeFromTheServersConfig() throws Exception {
        Path logs = work.resolve("levels-log");
        Path levels = writeConfig("levels.yaml", "redis:\n  port: " + port + "\n"
                + "log_writer:\n  base_path: " + logs + "\n  level: WARN\n  levels:\n    org.jbec.config: INFO\n");
        Result r = jbec(List.of("--config", levels.toString(), "run", script("status\n").toString()));
        assertEquals(0, r.exit(), r.all());
        String log = Files.readString(logs.resolve("jbec.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("INFO  [") && log.contains("Configuration org.jbec.bus.redis updated"),
                "org.jbec.config logs at INFO: " + log);
        assertFalse(log.contains("Redis connection to"), "org.jbec.bus.redis stays at the root level WARN: " + log);
    }

    @Test
    void missingDeviceSessionIsNamed() throws Exception {
        Result r = jbec(List.of("--config", config.toString(), "--devices", "nope.yaml", "run",
                script("status\n").toString()));
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains("nope.yaml: device session file not found"), r.err());
    }
}
