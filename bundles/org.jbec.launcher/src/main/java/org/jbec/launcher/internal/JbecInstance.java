package org.jbec.launcher.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jbec.config.ConfigException;
import org.jbec.launcher.FileTrees;
import org.jbec.config.ServersConfig;
import org.jbec.config.ServersConfigReader;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * One running jBEC: its Redis (external or embedded), its framework, and the clean-up of both.
 * {@link #start} returns once every service is ready or throws with the reason.
 */
final class JbecInstance implements AutoCloseable {

    static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final JbecHome home;
    private final RedisForFramework redis;
    private final JbecFramework framework;
    private final Path cache;
    private final AtomicBoolean closed = new AtomicBoolean();

    private JbecInstance(JbecHome home, RedisForFramework redis, JbecFramework framework, Path cache) {
        this.home = home;
        this.redis = redis;
        this.framework = framework;
        this.cache = cache;
    }

    /**
     * @param interactive whether the Gogo console will read the terminal (started by {@link #openConsole})
     */
    static JbecInstance start(JbecHome home, LaunchOptions options, boolean interactive) throws LaunchException {
        ServersConfig config;
        try {
            config = new ServersConfigReader().read(options.configPath(home), options.config());
        } catch (ConfigException e) {
            throw new LaunchException("servers configuration has errors:\n" + e.getMessage(), 2);
        }
        if (!Files.isRegularFile(options.devicesPath(home))) {
            throw new LaunchException(options.devices() + ": device session file not found", 2);
        }
        RedisForFramework redis;
        try {
            home.createFolders();
            redis = RedisForFramework.provide(config, System.getenv("JBEC_REDIS"), home.redisDir());
            LoggingSetup.apply(home, config, "WARN", interactive);
        } catch (IOException e) {
            throw new LaunchException(e.getMessage(), 1, e);
        }
        Path cache = home.var().resolve("cache/felix-" + ProcessHandle.current().pid());
        Map<String, String> properties = frameworkProperties(home, options, redis, cache, interactive);
        JbecFramework framework;
        try {
            framework = JbecFramework.start(home.runtimeBundles(), properties);
        } catch (IOException | BundleException | RuntimeException e) {
            redis.close();
            throw new LaunchException("the framework did not start: " + e.getMessage(), 1, e);
        }
        JbecInstance instance = new JbecInstance(home, redis, framework, cache);
        Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "jbec-shutdown"));
        try {
            instance.awaitReady(READY_WITHIN);
        } catch (LaunchException e) {
            instance.close();
            throw e;
        }
        instance.restoreDeployment();
        return instance;
    }

    static Map<String, String> frameworkProperties(JbecHome home, LaunchOptions options, RedisForFramework redis,
            Path cache, boolean interactive) {
        Map<String, String> p = new HashMap<>();
        p.put("org.osgi.framework.storage", cache.toString());
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        // as -runsystempackages in cnf/jbec.bndrun: msgpack uses sun.misc.Unsafe when it can
        p.put("org.osgi.framework.system.packages.extra", "sun.misc");
        // the console's start level is reached only by openConsole(), once every service is ready
        p.put("org.osgi.framework.startlevel.beginning", Integer.toString(JbecFramework.BEGINNING_LEVEL - 1));
        p.put("felix.fileinstall.dir", home.deploy().toString());
        p.put("felix.fileinstall.poll", "500");
        // plugin jars are deployed by jBEC (queue coordination); FileInstall keeps the configuration files
        p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.start.level", Integer.toString(org.jbec.launcher.RuntimeBundle.SERVICE_LEVEL));
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.log.level", "2");
        p.put("gosh.args", interactive ? "" : "--nointeractive");
        p.put("gosh.home", home.root().resolve("config/gogo").toString());
        webPort(p);
        p.put("jbec.home", home.root().toString());
        p.put("jbec.var", home.var().toString());
        p.put("jbec.servers.config", options.configPath(home).toString());
        p.put("jbec.devices.config", options.devicesPath(home).toString());
        p.put("jbec.redis.address", redis.address().toString());
        p.put("jbec.redis.embedded", redis.embeddedDescription());
        return p;
    }

    /**
     * The web view's port (Felix HTTP Jetty): {@code JBEC_HTTP_PORT}, else 8780. When it is taken (a second
     * framework on this host, another program) the web view stays off with one clear line, instead of
     * Jetty's stack traces; the rest of jBEC runs as usual.
     */
    private static void webPort(Map<String, String> p) {
        String configured = System.getenv().getOrDefault("JBEC_HTTP_PORT",
                System.getProperty("org.osgi.service.http.port", "8780"));
        int port;
        try {
            port = Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            System.err.println("jbec: JBEC_HTTP_PORT '" + configured + "' is not a port number: web view off");
            p.put("org.apache.felix.http.enable", "false");
            return;
        }
        if (port != 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress(port));
            } catch (IOException e) {
                System.err.println("jbec: port " + port + " is in use: web view off (choose another with JBEC_HTTP_PORT)");
                p.put("org.apache.felix.http.enable", "false");
                return;
            }
        }
        p.put("org.osgi.service.http.port", Integer.toString(port));
    }

    /** Polls {@code jbec:ready} until it says ready; fails with its last answer. */
    void awaitReady(Duration within) throws LaunchException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "the jbec:ready command is not available yet";
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (GogoSession session = GogoSession.open(framework.context(), within, sink, sink)) {
            while (System.nanoTime() < deadline) {
                try {
                    last = session.execute("jbec:ready");
                    if (last.equals("ready")) {
                        return;
                    }
                } catch (Exception e) {
                    last = String.valueOf(e.getMessage());
                }
                if (!framework.isActive()) {
                    throw new LaunchException("the framework stopped while starting: " + last, 1);
                }
                framework.awaitStop(Duration.ofMillis(100));
            }
        } catch (LaunchException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while starting", 1, e);
        } catch (Exception e) {
            throw new LaunchException("cannot ask the framework whether it is ready: " + e.getMessage(), 1, e);
        }
        throw new LaunchException("not ready within " + within.toSeconds() + " s: " + last, 1);
    }

    /**
     * A framework starts with the runtime as built; when a deployment descriptor was applied on this
     * host (var/deployment/applied.json), its bundles are put back in place before the instance counts as
     * started. A restore that fails leaves the runtime as started and says why.
     */
    private void restoreDeployment() {
        if (!Files.isRegularFile(home.var().resolve("deployment/applied.json"))) {
            return;
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (GogoSession session = GogoSession.open(framework.context(), Duration.ofSeconds(10), sink, sink)) {
            String result = session.execute("jbec:deploy_restore");
            System.out.println("jbec: " + result.lines().reduce((first, last) -> last).orElse(result));
        } catch (Exception e) {
            System.err.println("jbec: the applied deployment was not restored: " + e.getMessage());
        }
    }

    /** Reaches the console's start level: the Gogo console (interactive or not) starts now. */
    void openConsole() {
        framework.context().getBundle(0).adapt(FrameworkStartLevel.class)
                .setStartLevel(JbecFramework.BEGINNING_LEVEL);
    }

    JbecFramework framework() {
        return framework;
    }

    RedisForFramework redis() {
        return redis;
    }

    JbecHome home() {
        return home;
    }

    void awaitStop() throws InterruptedException {
        framework.awaitStop(Duration.ZERO);
    }

    /** Stops the framework, then the embedded Redis; idempotent (also run by the shutdown hook). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        framework.stop(Duration.ofSeconds(30));
        redis.close();
        deleteTree(cache);
    }

    private static void deleteTree(Path root) {
        try {
            FileTrees.delete(root);
        } catch (IOException e) {
            System.err.println("jbec: could not remove " + root + ": " + e.getMessage());
        }
    }
}
