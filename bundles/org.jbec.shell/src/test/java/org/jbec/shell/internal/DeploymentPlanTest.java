package org.jbec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** The plan is exact: what is installed, updated (old -> new) and uninstalled, and what is left alone. */
class DeploymentPlanTest {

    private static DeploymentPlan.Running running(long id, String name, String version) {
        return new DeploymentPlan.Running(id, name, Version.parseVersion(version), "file:/runtime/" + name + ".jar");
    }

    private static DeploymentTargets.Target target(String name, String version) {
        DeploymentDescriptor.Entry entry = new DeploymentDescriptor.Entry(name, version, new VersionRange(version),
                new DeploymentDescriptor.Source.Folder(Path.of("/opt/plugins")), 1, 1);
        return new DeploymentTargets.Target(name, Version.parseVersion(version),
                Path.of("/opt/plugins/" + name + "-" + version + ".jar"), entry);
    }

    private static final List<DeploymentPlan.Running> RUNNING = List.of(running(5, "org.jbec.shell", "0.1.0"),
            running(12, "org.jbec.scan.standard", "0.1.0.SNAPSHOT"), running(14, "org.jbec.device.sim", "0.1.0"),
            running(30, "org.example.old", "1.0.0"), running(31, "org.example.kept", "2.0.0"));

    private static Map<String, Path[]> noConfigChange() {
        Map<String, Path[]> configs = new LinkedHashMap<>();
        configs.put("servers config", new Path[] { Path.of("/home/config/servers.yaml"), null });
        configs.put("device session", new Path[] { Path.of("/home/config/demo.yaml"), Path.of("/home/config/demo.yaml") });
        return configs;
    }

    @Test
    void installUpdateAndUninstallAreListedExactly() {
        Map<String, Path[]> configs = noConfigChange();
        configs.put("device session", new Path[] { Path.of("/home/config/demo.yaml"), Path.of("/home/config/x10sa.yaml") });
        DeploymentPlan plan = DeploymentPlan.of("bl-ds", RUNNING, List.of(target("org.jbec.scan.standard", "0.2.0"),
                target("org.example.demo", "1.2.0"), target("org.jbec.device.sim", "0.1.0")),
                Set.of("org.example.old", "org.example.gone"), Set.of(), configs);
        assertEquals("""
                update     org.jbec.scan.standard 0.1.0.SNAPSHOT -> 0.2.0  (from /opt/plugins/org.jbec.scan.standard-0.2.0.jar)
                install    org.example.demo 1.2.0  (from /opt/plugins/org.example.demo-1.2.0.jar)
                uninstall  org.example.old 1.0.0  (installed by a deployment, no longer listed)
                config     device session: /home/config/demo.yaml -> /home/config/x10sa.yaml
                host bl-ds: 1 to install, 1 to update, 1 to uninstall, 1 config change, 1 unchanged""", plan.text());
        assertEquals(12, plan.of(DeploymentPlan.Kind.UPDATE).get(0).running().id());
    }

    @Test
    void bundlesNotListedStayUnlessADeploymentInstalledThem() {
        DeploymentPlan plan = DeploymentPlan.of("bl-scan", RUNNING, List.of(), Set.of(), Set.of(), noConfigChange());
        assertTrue(plan.isEmpty());
        assertEquals("host bl-scan: 0 to install, 0 to update, 0 to uninstall, 0 config changes, 0 unchanged",
                plan.text());
    }

    @Test
    void aDowngradeIsAnUpdateAndTheRunningVersionIsLeftAsItIs() {
        DeploymentPlan plan = DeploymentPlan.of("bl-ds", RUNNING, List.of(target("org.example.kept", "1.5.0"),
                target("org.jbec.shell", "0.1.0")), Set.of("org.example.kept"), Set.of(), noConfigChange());
        assertEquals("""
                update     org.example.kept 2.0.0 -> 1.5.0  (from /opt/plugins/org.example.kept-1.5.0.jar)
                host bl-ds: 0 to install, 1 to update, 0 to uninstall, 0 config changes, 1 unchanged""", plan.text());
    }

    @Test
    void aRuntimeBundleSaidAbsentIsUninstalledAndOneNotRunningIsNoChange() {
        DeploymentPlan plan = DeploymentPlan.of("bl-ioc", RUNNING, List.of(), Set.of(),
                Set.of("org.jbec.device.sim", "org.jbec.file.writer"), noConfigChange());
        assertEquals("""
                uninstall  org.jbec.device.sim 0.1.0  (absent on this host)
                host bl-ioc: 0 to install, 0 to update, 1 to uninstall, 0 config changes, 0 unchanged""", plan.text());
    }
}
