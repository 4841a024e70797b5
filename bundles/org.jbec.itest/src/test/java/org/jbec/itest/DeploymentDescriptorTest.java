package org.jbec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployment descriptors end to end, as an operator uses them: {@code ./jbec start}, then
 * {@code ./jbec deploy plan|apply|status} against the background instance (real Felix, real embedded
 * Redis on a free port, its own var/). The plugin versions are the demo beamline plugin and the
 * standard scans as built, with other Bundle-Versions; the broken ones import a package nobody exports
 * (cannot resolve) or name an activator that does not exist (resolves, cannot start).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentDescriptorTest {

    private static final Path ROOT = ItestRuntime.root();
    private static final Path DEMO = ROOT.resolve(
            "beamline-plugins/org.jbec.beamline.demo/target/org.jbec.beamline.demo-0.1.0-SNAPSHOT.jar");
    private static final Path SCANS = ROOT.resolve(
            "scan-bundles/org.jbec.scan.standard/target/org.jbec.scan.standard-0.1.0-SNAPSHOT.jar");

    /** The test's folder (descriptors, plugin jars, var/, data), one for the class. */
    private Path work;

    private Path plugins;
    private String scansRunning;

    record Result(int exit, String out) {
    }

    @BeforeAll
    void startJbec(@TempDir Path folder) throws Exception {
        work = folder;
        plugins = Files.createDirectories(work.resolve("plugins"));
        rewrite(DEMO, plugins.resolve("demo-0.2.0.jar"), Map.of("Bundle-Version", "0.2.0"));
        rewrite(DEMO, plugins.resolve("demo-0.3.0.jar"), Map.of("Bundle-Version", "0.3.0", "Import-Package", "+does.not.exist"));
        rewrite(DEMO, plugins.resolve("demo-0.4.0.jar"), Map.of("Bundle-Version", "0.4.0", "Bundle-Activator", "does.not.Exist"));
        rewrite(SCANS, plugins.resolve("scans-0.1.1.jar"), Map.of("Bundle-Version", "0.1.1"));
        rewrite(SCANS, plugins.resolve("scans-0.1.2.jar"), Map.of("Bundle-Version", "0.1.2"));
        int port = PrivateRedis.freePort();
        Files.writeString(work.resolve("servers.yaml"), "redis:\n  host: localhost\n  port: " + port + "\n"
                + "log_writer:\n  base_path: " + work.resolve("log") + "\n  levels:\n    io.jhdf: ERROR\n"
                + "file_writer:\n  base_path: " + work.resolve("data") + "\n");
        Files.writeString(work.resolve("devices.yaml"), """
                samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                       deviceConfig: {delay: 0, limits: [-50, 50]}}
                bpm4i: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                        deviceConfig: {noise: none}}
                """);
        start();
        Matcher m = Pattern.compile("org\\.jbec\\.scan\\.standard\\s+(\\S+)").matcher(jbec("exec", "bundles").out());
        assertTrue(m.find());
        scansRunning = m.group(1);
    }

    private void start() throws Exception {
        Result start = jbec("--config", work.resolve("servers.yaml").toString(), "--devices",
                work.resolve("devices.yaml").toString(), "start");
        assertEquals(0, start.exit(), start.out());
    }

    @AfterAll
    void stopJbec() throws Exception {
        jbec("stop");
    }

    private Result jbec(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("jbec").toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().remove("JBEC_REDIS");
        pb.environment().remove("JBEC_HOST");
        pb.environment().put("JBEC_VAR", work.resolve("var").toString());
        pb.environment().put("JBEC_HTTP_PORT", "0");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jbec " + command + " finished");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    private Path descriptor(String name, String bundles) throws IOException {
        return Files.writeString(work.resolve(name), "hosts:\n  bl-ds:\n    bundles:\n" + bundles.indent(6)
                + "  bl-scan: {}\n");
    }

    private String entry(String name, String version) {
        return name + ": {version: \"" + version + "\", folder: " + plugins + "}";
    }

    /** id, name, version and state of every bundle: what "exactly as before" compares. */
    private List<String> bundles() throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : jbec("exec", "bundles").out().split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length >= 4 && w[0].matches("\\d+")) {
                out.add(w[0] + " " + w[1] + " " + w[2] + " " + w[3]);
            }
        }
        return out;
    }

    @Test
    @Order(1)
    void thePlanIsExactAndAnUnknownHostChangesNothing() throws Exception {
        Path d = descriptor("d1.yaml", entry("org.jbec.scan.standard", "0.1.1") + "\n"
                + entry("org.jbec.beamline.demo", "[0.2,0.3)") + "\n"
                + "org.jbec.device.sim: {version: \"[0.1,1)\", folder: " + ROOT.resolve("cnf/target/export/jbec") + "}");
        Result plan = jbec("deploy", "plan", d.toString(), "--host", "bl-ds");
        assertEquals(0, plan.exit(), plan.out());
        assertEquals("deployment plan for host bl-ds from " + d + ":\n"
                + "update     org.jbec.scan.standard " + scansRunning + " -> 0.1.1  (from " + plugins.resolve("scans-0.1.1.jar") + ")\n"
                + "install    org.jbec.beamline.demo 0.2.0  (from " + plugins.resolve("demo-0.2.0.jar") + ")\n"
                + "host bl-ds: 1 to install, 1 to update, 0 to uninstall, 0 config changes, 1 unchanged\n", plan.out());

        List<String> before = bundles();
        Result unknown = jbec("deploy", "apply", d.toString(), "--host", "bl-other");
        assertEquals(1, unknown.exit(), unknown.out());
        assertTrue(unknown.out().contains(d + ":1:1: hosts: no host 'bl-other' (described: bl-ds, bl-scan;"), unknown.out());
        assertEquals(before, bundles());
        assertTrue(jbec("deploy", "status").out().matches("(?s).*refused +host bl-other, " + Pattern.quote(d.toString())
                + " .*no host 'bl-other'.*nothing changed.*"), "the refusal is in the history");
    }

    @Test
    @Order(2)
    void anApplyDuringARunningQueueFailsNoScanAndTheNextPlanUninstallsWhatItInstalled() throws Exception {
        Path d = work.resolve("d1.yaml");
        for (int i = 0; i < 3; i++) {
            assertEquals(0, jbec("exec", "line_scan samx -1 1 --steps 20 --exp_time 0.1 --relative false --no_wait").exit());
        }
        Result apply = jbec("deploy", "apply", d.toString(), "--host", "bl-ds");
        assertEquals(0, apply.exit(), apply.out());
        Matcher held = Pattern.compile("applied in (\\S+) s \\(queues locked (\\S+) s, of which (\\S+) s waiting for the "
                + "running scan to finish; changed between queue items\\)").matcher(apply.out());
        assertTrue(held.find(), apply.out());
        assertTrue(Double.parseDouble(held.group(3)) > 0, "a scan was running when the apply began: " + apply.out());
        System.out.println("deployment during a running queue: " + held.group(0));

        Result last = jbec("exec", "line_scan samx -1 1 --steps 3 --relative false");
        assertEquals(0, last.exit(), last.out());
        String history = jbec("exec", "history").out();
        for (int scan = 1; scan <= 4; scan++) {
            assertTrue(history.matches("(?s).*\\n\\s+" + scan + " \\S+ \\S+\\s+line_scan\\s+closed\\s+.*"),
                    "scan " + scan + " closed:\n" + history);
        }
        assertFalse(history.contains("aborted"), history);
        List<String> now = bundles();
        assertTrue(now.stream().anyMatch(b -> b.matches("\\d+ org.jbec.scan.standard 0.1.1 active")), now.toString());
        assertTrue(now.stream().anyMatch(b -> b.matches("\\d+ org.jbec.beamline.demo 0.2.0 active")), now.toString());
        assertTrue(jbec("exec", "energy_scan --help").exit() == 0, "the installed plugin's scan is offered");

        Path next = descriptor("d2.yaml", entry("org.jbec.scan.standard", "0.1.1"));
        Result plan = jbec("deploy", "plan", next.toString(), "--host", "bl-ds");
        assertEquals("deployment plan for host bl-ds from " + next + ":\n"
                + "uninstall  org.jbec.beamline.demo 0.2.0  (installed by a deployment, no longer listed)\n"
                + "host bl-ds: 0 to install, 0 to update, 1 to uninstall, 0 config changes, 1 unchanged\n", plan.out());
        Result status = jbec("deploy", "status");
        assertTrue(status.out().startsWith("applied: host bl-ds from " + d + " (sha256 "), status.out());
        assertTrue(status.out().contains("org.jbec.beamline.demo                   0.2.0                running"),
                status.out());
    }

    @Test
    @Order(3)
    void anApplyWhoseTargetSetCannotResolveLeavesEverythingAsItWas() throws Exception {
        List<String> before = bundles();
        Path d = descriptor("d3.yaml", entry("org.jbec.scan.standard", "0.1.2") + "\n"
                + entry("org.jbec.beamline.demo", "0.3.0"));
        Result apply = jbec("deploy", "apply", d.toString(), "--host", "bl-ds");
        assertEquals(1, apply.exit(), apply.out());
        assertTrue(apply.out().contains("the target set does not resolve: org.jbec.beamline.demo 0.3.0: Unable to resolve"),
                apply.out());
        assertTrue(apply.out().contains("osgi.wiring.package=does.not.exist"), apply.out());
        assertTrue(apply.out().contains("rolled back: every bundle is as before"), apply.out());
        assertEquals(before, bundles());
        stillScans();
    }

    @Test
    @Order(4)
    void anApplyWhoseNewBundleFailsToStartIsRolledBack() throws Exception {
        List<String> before = bundles();
        Path d = descriptor("d4.yaml", entry("org.jbec.scan.standard", "0.1.2") + "\n"
                + entry("org.jbec.beamline.demo", "0.4.0"));
        Result apply = jbec("deploy", "apply", d.toString(), "--host", "bl-ds");
        assertEquals(1, apply.exit(), apply.out());
        assertTrue(apply.out().contains("org.jbec.beamline.demo 0.4.0 does not start: Not found: does.not.Exist"),
                apply.out());
        assertTrue(apply.out().contains("rolled back: every bundle is as before"), apply.out());
        assertEquals(before, bundles());
        stillScans();
        String status = jbec("deploy", "status").out();
        assertTrue(status.startsWith("applied: host bl-ds from " + work.resolve("d1.yaml")), status);
        assertTrue(status.matches("(?s).*failed +host bl-ds, " + Pattern.quote(d.toString()) + " .*does not start.*"),
                status);
    }

    @Test
    @Order(5)
    void aRestartPutsTheAppliedDeploymentBackInPlace() throws Exception {
        List<String> applied = bundles().stream().map(b -> b.substring(b.indexOf(' ') + 1)).toList();
        assertEquals(0, jbec("stop").exit());
        start();
        assertEquals(applied, bundles().stream().map(b -> b.substring(b.indexOf(' ') + 1)).toList(),
                "the same bundles, versions and states as before the restart");
        String status = jbec("deploy", "status").out();
        assertTrue(status.matches("(?s).*restored +host bl-ds, " + Pattern.quote(work.resolve("d1.yaml").toString())
                + " .*restored in .*"), status);
        assertTrue(status.contains("org.jbec.scan.standard                   0.1.1                running"), status);
        stillScans();
    }

    @Test
    @Order(6)
    void aChangeThatWouldStopTheShellCarryingItOutIsRefused() throws Exception {
        rewrite(ROOT.resolve("cnf/target/export/jbec/org.jbec.config-0.1.0-SNAPSHOT.jar"),
                plugins.resolve("config-0.1.1.jar"), Map.of("Bundle-Version", "0.1.1"));
        List<String> before = bundles();
        Path config = descriptor("d6.yaml", entry("org.jbec.config", "0.1.1"));
        Result update = jbec("deploy", "apply", config.toString(), "--host", "bl-ds");
        assertEquals(1, update.exit(), update.out());
        assertTrue(update.out().contains("refused: changing org.jbec.config (a refresh would restart the shell) would stop "
                + "the shell (org.jbec.shell) that carries out the deployment; change the runtime and restart jBEC; "
                + "nothing changed"), update.out());
        Path bus = descriptor("d7.yaml", "org.jbec.bus.redis: absent");
        Result absent = jbec("deploy", "apply", bus.toString(), "--host", "bl-ds");
        assertEquals(1, absent.exit(), absent.out());
        assertTrue(absent.out().contains("refused: changing org.jbec.bus.redis (its services are in use by the shell)"),
                absent.out());
        assertEquals(before, bundles());
        assertTrue(jbec("deploy", "status").out().matches("(?s).*refused +host bl-ds, " + Pattern.quote(bus.toString())
                + " .*"));
    }

    private void stillScans() throws Exception {
        Result scan = jbec("exec", "line_scan samx -1 1 --steps 3 --relative false");
        assertEquals(0, scan.exit(), scan.out());
        assertTrue(scan.out().matches("(?s).*Scan \\d+ closed: 3 points.*"), scan.out());
        assertTrue(jbec("exec", "energy_scan --help").exit() == 0, "the plugin of the last apply is still there");
    }

    /** Copies a bundle jar with manifest headers set (a value starting with + is appended to the header). */
    private static void rewrite(Path source, Path target, Map<String, String> headers) throws IOException {
        try (JarFile in = new JarFile(source.toFile())) {
            Manifest m = new Manifest(in.getManifest());
            headers.forEach((k, v) -> m.getMainAttributes().putValue(k, v.startsWith("+")
                    ? m.getMainAttributes().getValue(k) + "," + v.substring(1) : v));
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), m)) {
                for (JarEntry e : Collections.list(in.entries())) {
                    if (!e.getName().equals("META-INF/MANIFEST.MF")) {
                        out.putNextEntry(new JarEntry(e.getName()));
                        in.getInputStream(e).transferTo(out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
