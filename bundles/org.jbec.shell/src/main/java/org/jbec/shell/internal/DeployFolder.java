package org.jbec.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jbec.bus.api.Connector;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy folder for plugin jars ({@code felix.fileinstall.dir}; FileInstall keeps only the
 * configuration files there): a jar dropped in is installed and started, overwritten is upgraded,
 * deleted is uninstalled — the last two with the queue coordination of the shell's {@code upgrade}
 * (no scan starts meanwhile, the running one finishes first). A jar is acted on once it stopped
 * changing for one poll, so a copy in progress is never installed half-written.
 */
@Component(immediate = true)
public final class DeployFolder {

    private final Logger logger = LoggerFactory.getLogger(DeployFolder.class);
    private final BundleContext context;
    private final BundleUpgrade upgrade;
    private final Path folder;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jbec-deploy-folder");
        t.setDaemon(true);
        return t;
    });
    /** jar → its last seen (size, modified); stable when seen twice alike. */
    private final Map<Path, String> seen = new HashMap<>();
    private final Map<Path, String> acted = new HashMap<>();

    @Activate
    public DeployFolder(BundleContext context, @Reference Connector bus, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.upgrade = new BundleUpgrade(context, scr, new BecClient(bus));
        String dir = context.getProperty("felix.fileinstall.dir");
        this.folder = dir == null ? null : Path.of(dir);
        long period = Long.parseLong(java.util.Objects.requireNonNullElse(context.getProperty("felix.fileinstall.poll"),
                "500"));
        if (folder != null) {
            poller.scheduleWithFixedDelay(this::poll, 0, period, TimeUnit.MILLISECONDS);
        }
    }

    private void poll() {
        try {
            Map<Path, String> now = new HashMap<>();
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(p -> now.put(p, stamp(p)));
                }
            }
            for (Map.Entry<Path, String> e : now.entrySet()) {
                boolean stable = e.getValue().equals(seen.get(e.getKey()));
                if (stable && !e.getValue().equals(acted.get(e.getKey()))) {
                    act(e.getKey());
                    acted.put(e.getKey(), e.getValue());
                }
            }
            for (Path gone : Map.copyOf(acted).keySet()) {
                if (!now.containsKey(gone)) {
                    remove(gone);
                    acted.remove(gone);
                }
            }
            seen.clear();
            seen.putAll(now);
        } catch (IOException | RuntimeException e) {
            logger.warn("deploy folder {}: {}", folder, e.toString());
        }
    }

    private static String stamp(Path p) {
        try {
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "gone";
        }
    }

    private Bundle installedFrom(Path jar) {
        String location = jar.toUri().toString();
        for (Bundle b : context.getBundles()) {
            if (location.equals(b.getLocation())) {
                return b;
            }
        }
        return null;
    }

    private void act(Path jar) {
        try {
            Bundle existing = installedFrom(jar);
            String outcome = existing == null ? upgrade.install(jar) : upgrade.run(existing, jar, false);
            logger.info("deploy folder: {}", outcome);
        } catch (Exception e) {
            logger.warn("deploy folder: {} not deployed: {}", jar.getFileName(), e.toString());
        }
    }

    private void remove(Path jar) {
        Bundle bundle = installedFrom(jar);
        if (bundle != null) {
            try {
                logger.info("deploy folder: {}", upgrade.remove(bundle));
            } catch (Exception e) {
                logger.warn("deploy folder: {} not removed: {}", bundle.getSymbolicName(), e.toString());
            }
        }
    }

    @Deactivate
    void stop() {
        poller.shutdownNow();
    }
}
