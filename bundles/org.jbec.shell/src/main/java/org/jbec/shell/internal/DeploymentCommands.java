package org.jbec.shell.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jbec.bus.api.Connector;
import org.jbec.config.ConfigException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Deployment descriptors from the shell (and {@code ./jbec deploy}): what converging this host to its
 * descriptor would change, carrying it out between queue items, and the applied state with its history.
 */
@Component(service = DeploymentCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec", "osgi.command.function=deploy_plan", "osgi.command.function=deploy_apply",
        "osgi.command.function=deploy_status", "osgi.command.function=deploy_restore" })
public final class DeploymentCommands {

    private final BundleContext context;
    private final ConfigCommands configCommands;
    private final DeploymentRecords records;
    private final DeploymentApply apply;
    private final Path home;
    private final ReentrantLock applying = new ReentrantLock();

    @Activate
    public DeploymentCommands(BundleContext context, @Reference Connector bus, @Reference ServiceComponentRuntime scr,
            @Reference ConfigCommands configCommands) {
        this.context = context;
        this.configCommands = configCommands;
        this.home = Path.of(java.util.Objects.requireNonNullElse(context.getProperty("jbec.home"), "."))
                .toAbsolutePath().normalize();
        String var = context.getProperty("jbec.var");
        this.records = new DeploymentRecords((var == null ? home.resolve("var") : Path.of(var)).resolve("deployment"));
        this.apply = new DeploymentApply(context, new BundleComponents(scr), new BecClient(bus), records);
    }

    @Descriptor("what converging this host to its deployment descriptor would change (install, update old -> new, "
            + "uninstall, config files)")
    public String deploy_plan(@Descriptor("the host to plan for (default: JBEC_HOST, else this host's name)")
            @Parameter(names = "--host", absentValue = "") String host,
            @Descriptor("the descriptor (default config/deployment.yaml)") String... file) throws Exception {
        Planned p = plan(host, file);
        return "deployment plan for host " + p.plan().host() + " from " + p.descriptor().file() + ":\n" + p.plan().text();
    }

    @Descriptor("converge this host to its deployment descriptor: the whole target set must resolve first; queues held "
            + "between items; a bundle that fails to start rolls everything back")
    public String deploy_apply(@Descriptor("the host to apply for (default: JBEC_HOST, else this host's name)")
            @Parameter(names = "--host", absentValue = "") String host,
            @Descriptor("the descriptor (default config/deployment.yaml)") String... file) throws Exception {
        if (!applying.tryLock()) {
            throw new IllegalStateException("another deployment is being applied");
        }
        try {
            Planned p;
            try {
                p = plan(host, file);
            } catch (ConfigException e) {
                refused(host, file, e.getMessage());
                throw new IllegalArgumentException(e.getMessage() + "\nnothing changed", e);
            }
            DeploymentPlan plan = p.plan();
            DeploymentApply.Outcome outcome;
            try {
                outcome = plan.isEmpty() ? new DeploymentApply.Outcome(true, "", 0, 0, 0)
                        : apply.apply(plan, () -> configs(plan));
            } catch (DeploymentApply.Refused e) {
                outcome = new DeploymentApply.Outcome(false, "refused: " + e.getMessage() + "; nothing changed", 0, 0, 0);
            }
            String detail = outcome.detail();
            if (outcome.ok()) {
                detail = plan.isEmpty() ? "nothing to change" : String.format(Locale.ROOT, "applied in %.1f s (queues "
                        + "locked %.1f s, of which %.1f s waiting for the running scan to finish; changed between "
                        + "queue items)%s", outcome.seconds(), outcome.queueHeldSeconds(), outcome.waitedSeconds(), detail);
            }
            // the device server may still refuse a session it has no classes for: the bundles stay as applied
            boolean partial = outcome.ok() && detail.contains("device session ") && !detail.contains(": set accepted");
            if (outcome.ok()) {
                records.saveApplied(applied(p, plan, !partial));
            }
            records.append(new DeploymentRecords.Entry(now(), who(), plan.host(), p.descriptor().file(),
                    p.descriptor().sha256(), partial ? "partial" : outcome.ok() ? "applied"
                            : detail.startsWith("refused:") ? "refused" : "failed", detail,
                    List.of(plan.text().split("\n"))));
            String text = "deployment of host " + plan.host() + " from " + p.descriptor().file() + ":\n" + plan.text()
                    + "\n" + detail;
            if (!outcome.ok() || partial) {
                throw new IllegalStateException(text);
            }
            return text;
        } finally {
            applying.unlock();
        }
    }

    /** A descriptor with problems changes nothing; the refusal goes to the history all the same. */
    private void refused(String host, String[] file, String problems) throws java.io.IOException {
        String given = descriptorName(file);
        String sha;
        try {
            sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.file.Files.readAllBytes(descriptorPath(given))));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            sha = "-".repeat(12);
        }
        records.append(new DeploymentRecords.Entry(now(), who(), host.isEmpty() ? thisHost() : host, given, sha,
                "refused", problems.replace('\n', ' ') + "; nothing changed", List.of()));
    }

    private static String descriptorName(String[] file) {
        return file.length == 0 ? "config/deployment.yaml" : file[0];
    }

    private Path descriptorPath(String given) {
        return Path.of(given).isAbsolute() ? Path.of(given) : home.resolve(given);
    }

    @Descriptor("the deployment applied on this host and the history of applies (who, when, descriptor, result)")
    public String deploy_status(@Descriptor("how many history entries to show")
            @Parameter(names = "--last", absentValue = "10") int last) throws Exception {
        return DeploymentStatus.text(records, this::runningVersion, last);
    }

    @Descriptor("after a restart: put the bundles of the last applied deployment back in place (from the copies kept "
            + "in var/deployment/jars), between queue items; ./jbec start and the shell do this by themselves")
    public String deploy_restore() throws Exception {
        var applied = records.applied();
        if (applied.isEmpty()) {
            return "no deployment applied on this host";
        }
        if (!applying.tryLock()) {
            throw new IllegalStateException("another deployment is being applied");
        }
        try {
            DeploymentRecords.Applied a = applied.get();
            // the device session the deployment loaded replaces the one the framework started with
            Map<String, Path[]> configs = new LinkedHashMap<>();
            configs.put("device session", new Path[] { current(null, "jbec.devices.config"),
                    a.deviceSession() == null ? null : Path.of(a.deviceSession()) });
            DeploymentPlan plan = DeploymentPlan.of(a.host(), running(), records.keptTargets(a), java.util.Set.of(),
                    java.util.Set.copyOf(a.absent()), configs);
            if (plan.isEmpty()) {
                return "deployment of host " + a.host() + " from " + a.descriptor() + " is in place";
            }
            List<String> missing = plan.changes().stream().filter(c -> !java.nio.file.Files.isRegularFile(c.target().jar()))
                    .map(c -> c.symbolicName() + " " + c.target().version()).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("cannot restore the deployment of host " + a.host() + ": no copy of "
                        + String.join(", ", missing) + " in " + records.jarCopy("x", "0").getParent()
                        + "; apply the descriptor again (deploy_apply)");
            }
            DeploymentApply.Outcome outcome;
            try {
                outcome = apply.apply(plan, () -> configs(plan));
            } catch (DeploymentApply.Refused e) {
                outcome = new DeploymentApply.Outcome(false, "refused: " + e.getMessage() + "; nothing changed", 0, 0, 0);
            }
            String detail = outcome.ok() ? String.format(Locale.ROOT, "restored in %.1f s%s", outcome.seconds(),
                    outcome.detail()) : outcome.detail();
            records.append(new DeploymentRecords.Entry(now(), who(), a.host(), a.descriptor(), a.sha256(),
                    outcome.ok() ? "restored" : "failed", detail, List.of(plan.text().split("\n"))));
            String text = "deployment of host " + a.host() + " from " + a.descriptor() + " restored:\n" + plan.text()
                    + "\n" + detail;
            if (!outcome.ok()) {
                throw new IllegalStateException(text);
            }
            return text;
        } finally {
            applying.unlock();
        }
    }

    private List<DeploymentPlan.Running> running() {
        List<DeploymentPlan.Running> running = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() != 0) {
                running.add(new DeploymentPlan.Running(b.getBundleId(), b.getSymbolicName(), b.getVersion(),
                        b.getLocation()));
            }
        }
        return running;
    }

    private record Planned(DeploymentDescriptor descriptor, DeploymentPlan plan) {
    }

    private Planned plan(String host, String... file) throws ConfigException {
        String given = descriptorName(file);
        Path path = descriptorPath(given);
        String forHost = host.isEmpty() ? thisHost() : host;
        DeploymentDescriptor descriptor = new DeploymentDescriptorReader(home, mavenRepository()).read(path, given,
                forHost);
        List<DeploymentTargets.Target> targets = DeploymentTargets.resolve(descriptor);
        List<DeploymentPlan.Running> running = running();
        var applied = records.applied();
        Map<String, Path[]> configs = new LinkedHashMap<>();
        configs.put("servers config", new Path[] { current(applied.map(DeploymentRecords.Applied::serversConfig)
                .orElse(null), "jbec.servers.config"), descriptor.serversConfig() });
        configs.put("device session", new Path[] { current(applied.map(DeploymentRecords.Applied::deviceSession)
                .orElse(null), "jbec.devices.config"), descriptor.deviceSession() });
        return new Planned(descriptor, DeploymentPlan.of(forHost, running, targets, records.installedByDeployment(),
                java.util.Set.copyOf(descriptor.absent()),
                configs));
    }

    private Path current(String applied, String property) {
        String value = applied != null ? applied : context.getProperty(property);
        return value == null ? null : Path.of(value).toAbsolutePath().normalize();
    }

    /** The configuration changes of an applied plan: the device session is loaded now, the servers config at the next start. */
    private String configs(DeploymentPlan plan) throws Exception {
        StringBuilder out = new StringBuilder();
        for (DeploymentPlan.ConfigChange c : plan.configs()) {
            if (c.what().equals("device session")) {
                out.append("; device session ").append(c.to()).append(": ")
                        .append(configCommands.config_load(c.to().toString()));
            } else {
                out.append("; servers config ").append(c.to())
                        .append(" takes effect at the next start (./jbec start --config ").append(c.to()).append(')');
            }
        }
        return out.toString();
    }

    private DeploymentRecords.Applied applied(Planned p, DeploymentPlan plan, boolean sessionLoaded) {
        TreeSet<String> installed = records.installedByDeployment();
        plan.of(DeploymentPlan.Kind.INSTALL).forEach(c -> installed.add(c.symbolicName()));
        plan.of(DeploymentPlan.Kind.UNINSTALL).forEach(c -> installed.remove(c.symbolicName()));
        Map<String, String> bundles = new LinkedHashMap<>();
        p.descriptor().bundles().forEach(e -> bundles.put(e.symbolicName(), runningVersion(e.symbolicName())));
        var before = records.applied();
        String servers = p.descriptor().serversConfig() != null ? p.descriptor().serversConfig().toString()
                : before.map(DeploymentRecords.Applied::serversConfig).orElse(null);
        String devices = p.descriptor().deviceSession() != null && sessionLoaded ? p.descriptor().deviceSession().toString()
                : before.map(DeploymentRecords.Applied::deviceSession).orElse(null);
        return new DeploymentRecords.Applied(now(), who(), plan.host(), p.descriptor().file(), p.descriptor().sha256(),
                List.copyOf(installed), p.descriptor().absent(), bundles, servers, devices);
    }

    private String runningVersion(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b.getVersion().toString();
            }
        }
        return "not installed";
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String who() {
        return System.getProperty("user.name", "?");
    }

    /** JBEC_HOST, else the host's name (InetAddress.getLocalHost). */
    static String thisHost() {
        String env = System.getenv("JBEC_HOST");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static Path mavenRepository() {
        return Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    }
}
