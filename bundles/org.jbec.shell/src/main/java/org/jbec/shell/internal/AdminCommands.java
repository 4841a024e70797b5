package org.jbec.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jbec.bus.api.Connector;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/** Admin commands: what the bundles provide, and coordinated upgrades while the beam is on. */
@Component(service = AdminCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec", "osgi.command.function=bundles", "osgi.command.function=upgrade",
        "osgi.command.function=deploy" })
public final class AdminCommands {

    private final BundleContext context;
    private final BundleUpgrade upgrade;
    private final ScanCommandRegistry scanCommands;

    @Activate
    public AdminCommands(BundleContext context, @Reference Connector bus, @Reference ServiceComponentRuntime scr,
            @Reference ScanCommandRegistry scanCommands) {
        this.context = context;
        this.upgrade = new BundleUpgrade(context, scr, new BecClient(bus));
        this.scanCommands = scanCommands;
    }

    @Descriptor("install a plugin jar while the system runs (or upgrade it when its bundle is there): queues held "
            + "between items, its components must come up, its scans get their commands before this returns")
    public String deploy(@Descriptor("the plugin jar") String jar) throws Exception {
        Path file = jar(jar);
        String bsn;
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(file.toFile())) {
            String header = j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            if (header == null) {
                throw new IllegalArgumentException(jar + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            bsn = header.split(";")[0].trim();
        }
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return upgrade.run(b, file, false) + scansReady();
            }
        }
        return upgrade.install(file) + scansReady();
    }

    /** Waits (up to 10 s) until every scan on offer has its command: the next line of a script may use it. */
    private String scansReady() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!scanCommands.settled()) {
            if (System.nanoTime() > deadline) {
                return "; its scan commands are not registered yet";
            }
            Thread.sleep(50);
        }
        return "";
    }

    @Descriptor("bundles with version, state and what they provide (device classes, scans, file formats)")
    public String bundles() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%4s %-42s %-16s %-9s %s%n", "id", "bundle",
                "version", "state", "provides"));
        for (Bundle b : context.getBundles()) {
            out.append(String.format(Locale.ROOT, "%4d %-42s %-16s %-9s %s%n", b.getBundleId(), b.getSymbolicName(),
                    b.getVersion(), state(b.getState()), provides(b)));
        }
        return out.toString();
    }

    private static String provides(Bundle b) {
        List<String> out = new ArrayList<>();
        ServiceReference<?>[] refs = b.getRegisteredServices();
        if (refs != null) {
            for (ServiceReference<?> r : refs) {
                add(out, "device classes", r.getProperty("device.class"));
                add(out, "scan", r.getProperty("scan.name"));
                add(out, "file format", r.getProperty("file.format"));
            }
        }
        return String.join(", ", out);
    }

    private static void add(List<String> out, String what, Object value) {
        if (value instanceof String[] many && many.length > 0) {
            out.add(what + " " + String.join("/", many));
        } else if (value instanceof String one) {
            out.add(what + " " + one);
        }
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    @Descriptor("update a bundle while the system runs: no scan starts meanwhile, the running one finishes "
            + "(or pauses, with --now), the bundle's components must come back, else the old version returns")
    public String upgrade(@Descriptor("pause the running scan at its next point instead of waiting for it")
            @Parameter(names = "--now", presentValue = "true", absentValue = "false") boolean now,
            @Descriptor("bundle symbolic name") String name,
            @Descriptor("the new jar, or Maven coordinates group:artifact:version from the local repository")
            String source) throws Exception {
        Bundle bundle = null;
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName())) {
                bundle = b;
            }
        }
        if (bundle == null) {
            throw new IllegalArgumentException("no bundle " + name + " (see bundles)");
        }
        return upgrade.run(bundle, jar(source), now);
    }

    /** A jar path, or Maven coordinates resolved in the local repository (~/.m2, or maven.repo.local). */
    static Path jar(String source) {
        Path direct = Path.of(source);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        String[] gav = source.split(":");
        if (gav.length == 3) {
            Path repo = Path.of(System.getProperty("maven.repo.local",
                    Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
            Path jar = repo.resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                    .resolve(gav[1] + "-" + gav[2] + ".jar");
            if (Files.isRegularFile(jar)) {
                return jar;
            }
            throw new IllegalArgumentException(source + " is not in the local Maven repository (" + jar + ")");
        }
        throw new IllegalArgumentException("no jar file " + source);
    }
}
