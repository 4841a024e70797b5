package org.jbec.shell.internal;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.scan.api.ScanDescription;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * One shell command per scan in {@code info/scans/available_scans}, made from its signature and
 * re-made when the list changes, so a new scan bundle brings its command with it (Gogo
 * {@link Function} services in scope {@code jbec}). Scans only: mv, umv and internal scans have
 * commands of their own.
 */
@Component(service = ScanCommandRegistry.class, immediate = true)
public final class ScanCommandRegistry {

    private final BundleContext context;
    private final BecClient client;
    private final Map<String, ServiceRegistration<Function>> registered = new HashMap<>();
    private final ExecutorService updates = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jbec-shell-scan-commands");
        t.setDaemon(true);
        return t;
    });
    private volatile Subscription subscription;
    private static final long GRACE_NANOS = 10_000_000_000L;
    private final Map<String, Long> missingSince = new HashMap<>();

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Activate
    public ScanCommandRegistry(BundleContext context, @Reference Connector bus) {
        this.context = context;
        this.client = new BecClient(bus);
        updates.execute(() -> {
            subscription = bus.subscribe(Endpoints.availableScans(), e -> updates.execute(this::refresh));
            refresh();
        });
    }

    /** True when every scan on offer has its command (the launcher's readiness waits for it). */
    synchronized boolean settled() {
        if (subscription == null) {
            return false;
        }
        return client.scans().entrySet().stream().filter(e -> e.getValue().isScan() && !e.getValue().internal())
                .allMatch(e -> registered.containsKey(e.getKey()));
        // commands of scans gone for less than the grace period stay registered on purpose
    }

    private synchronized void refresh() {
        Map<String, ScanDescription> scans = client.scans();
        // a scan bundle being updated withdraws its scans for a moment: a command goes only when its scan
        // has been gone for a while (running it meanwhile says the scan is not offered)
        long now = System.nanoTime();
        registered.keySet().removeIf(name -> {
            if (scans.containsKey(name)) {
                missingSince.remove(name);
                return false;
            }
            long since = missingSince.computeIfAbsent(name, n -> now);
            if (now - since < GRACE_NANOS) {
                updates.execute(() -> {
                    sleepQuietly(GRACE_NANOS / 1_000_000 / 4);
                    refresh();
                });
                return false;
            }
            missingSince.remove(name);
            registered.get(name).unregister();
            return true;
        });
        scans.forEach((name, scan) -> {
            if (scan.isScan() && !scan.internal() && !registered.containsKey(name)) {
                Dictionary<String, Object> props = new Hashtable<>();
                props.put("osgi.command.scope", "jbec");
                props.put("osgi.command.function", name);
                try {
                    registered.put(name, context.registerService(Function.class, new ScanCommand(name), props));
                } catch (IllegalStateException bundleStopping) {
                    // this component is being deactivated (its bundle refreshed): nothing to register
                }
            }
        });
    }

    /**
     * The scan as offered now; a scan whose bundle is being updated is missing for a moment, so a command
     * waits for it as long as it keeps the command registered before saying it is gone.
     */
    private ScanDescription offered(String name) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE_NANOS;
        while (true) {
            ScanDescription scan = client.scans().get(name);
            if (scan != null) {
                return scan;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " is no longer offered");
            }
            Thread.sleep(50); // the offer is a key on the bus, republished by the scan server
        }
    }

    /** A scan as a command: its arguments as the signature says, then the live table until it ends. */
    private final class ScanCommand implements Function {
        private final String name;

        ScanCommand(String name) {
            this.name = name;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws Exception {
            ScanDescription scan = offered(name);
            if (arguments.size() == 1 && ("--help".equals(arguments.get(0)) || "-h".equals(arguments.get(0)))) {
                return ScanHelp.text(scan);
            }
            // shell option: queue the scan and return at once (scripts that queue several scans)
            List<Object> rest = new java.util.ArrayList<>(arguments);
            boolean noWait = rest.remove("--no_wait");
            // shell option: the queue to run in (a named queue runs beside primary)
            String queue = "primary";
            int at = rest.indexOf("--queue");
            if (at >= 0) {
                if (at + 1 >= rest.size() || !String.valueOf(rest.get(at + 1)).matches("[A-Za-z0-9_.-]{1,64}")) {
                    throw new IllegalArgumentException("--queue needs a queue name (letters, digits, _ . -)");
                }
                queue = String.valueOf(rest.remove(at + 1));
                rest.remove(at);
            }
            ScanArguments.Packed packed = ScanArguments.pack(scan, rest);
            if (noWait) {
                return name + " queued" + ("primary".equals(queue) ? "" : " in " + queue) + ", request "
                        + client.submit(name, packed.args(), packed.kwargs(), Map.of(), queue);
            }
            ScanWatch watch = new ScanWatch(client, System.out).listen();
            String rid;
            try {
                rid = client.submit(name, packed.args(), packed.kwargs(), Map.of(), queue);
            } catch (RuntimeException | InterruptedException e) {
                watch.close();
                throw e;
            }
            watch.follow(rid, session);
            return null;
        }
    }

    @Deactivate
    synchronized void stop() {
        updates.shutdownNow();
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        registered.values().forEach(r -> {
            try {
                r.unregister();
            } catch (IllegalStateException e) {
                // the framework already took it back
            }
        });
        registered.clear();
    }
}
