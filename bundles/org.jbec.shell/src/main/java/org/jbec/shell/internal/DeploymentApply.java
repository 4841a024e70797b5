package org.jbec.shell.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Carries out a plan's bundle changes on the running framework, while the queues are held between
 * items ({@link QueueHold}): the new and updated bundles are put in place and the whole set must
 * resolve before anything is refreshed or started; then every changed bundle must start with its
 * components up, and every bundle that was active must be active again. Anything short of that
 * puts the previous bytes back (installs removed, updates reverted, refreshed, restarted) and says
 * why. Uninstalls come last, once the rest has succeeded.
 */
final class DeploymentApply {

    /** The outcome: {@code ok}, or why not and whether the system is as before. */
    record Outcome(boolean ok, String detail, double seconds, double queueHeldSeconds, double waitedSeconds) {
    }

    /** What follows the bundle changes while the queues are still held (the device session); its result text. */
    interface AfterBundles {
        String run() throws Exception;
    }

    /** An apply refused before anything changed. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private final BundleContext context;
    private final BundleComponents components;
    private final BecClient client;
    private final DeploymentRecords records;
    private final DeploymentGuards guards;

    DeploymentApply(BundleContext context, BundleComponents components, BecClient client, DeploymentRecords records) {
        this.context = context;
        this.components = components;
        this.client = client;
        this.records = records;
        this.guards = new DeploymentGuards(context, records);
    }

    /**
     * @param after run once the bundle changes succeeded, before the queues go on, so that no scan
     *              starts between the new bundles and the new device session
     */
    Outcome apply(DeploymentPlan plan, AfterBundles after) throws Exception {
        long start = System.nanoTime();
        Map<Bundle, byte[]> oldBytes = new LinkedHashMap<>();
        Map<DeploymentPlan.Change, byte[]> newBytes = new LinkedHashMap<>();
        for (DeploymentPlan.Change c : plan.changes()) {
            if (c.running() != null && context.getBundle(c.running().id()) == null) {
                throw new Refused(c.symbolicName() + " was uninstalled since the plan was made; plan again");
            }
            if (c.kind() != DeploymentPlan.Kind.UNINSTALL) {
                newBytes.put(c, Files.readAllBytes(c.target().jar()));
            }
            if (c.kind() == DeploymentPlan.Kind.UPDATE) {
                Bundle b = context.getBundle(c.running().id());
                oldBytes.put(b, guards.rollbackCopy(b));
            }
        }
        guards.refuseSelfRestart(plan);
        try (QueueHold hold = QueueHold.take(client, "deployment of host " + plan.host(), false)) {
            String problem = change(plan, oldBytes, newBytes);
            String detail = problem == null ? after.run() : problem;
            return new Outcome(problem == null, detail, (System.nanoTime() - start) / 1e9, hold.heldSeconds(),
                    hold.waitedSeconds());
        }
    }

    /** Null when every change is in place and everything is up; else why not, after the rollback. */
    private String change(DeploymentPlan plan, Map<Bundle, byte[]> oldBytes,
            Map<DeploymentPlan.Change, byte[]> newBytes) throws Exception {
        Map<Long, String> before = snapshot();
        List<Bundle> installed = new ArrayList<>();
        List<Bundle> updated = new ArrayList<>(oldBytes.keySet());
        try {
            for (Map.Entry<DeploymentPlan.Change, byte[]> e : newBytes.entrySet()) {
                DeploymentPlan.Change c = e.getKey();
                if (c.kind() == DeploymentPlan.Kind.INSTALL) {
                    installed.add(context.installBundle(c.target().jar().toUri().toString(),
                            new ByteArrayInputStream(e.getValue())));
                } else {
                    Bundle b = context.getBundle(c.running().id());
                    b.stop(Bundle.STOP_TRANSIENT);
                    b.update(new ByteArrayInputStream(e.getValue()));
                }
            }
        } catch (BundleException e) {
            return rollback("not put in place: " + e.getMessage(), installed, oldBytes, before);
        }
        List<Bundle> changed = new ArrayList<>(installed);
        changed.addAll(updated);
        if (!wiring().resolveBundles(changed)) {
            return rollback("the target set does not resolve: " + unresolved(changed), installed, oldBytes, before);
        }
        refresh(updated);
        String problem = startAll(changed, before);
        if (problem != null) {
            return rollback(problem, installed, oldBytes, before);
        }
        for (Bundle b : changed) {
            records.keepJar(b.getSymbolicName(), b.getVersion().toString(), newBytes.entrySet().stream()
                    .filter(e -> e.getKey().symbolicName().equals(b.getSymbolicName())).findFirst().orElseThrow()
                    .getValue());
        }
        List<Bundle> removed = new ArrayList<>();
        for (DeploymentPlan.Change c : plan.of(DeploymentPlan.Kind.UNINSTALL)) {
            Bundle b = context.getBundle(c.running().id());
            if (b != null) {
                b.uninstall();
                removed.add(b);
            }
        }
        if (!removed.isEmpty()) {
            refresh(removed);
        }
        return null;
    }

    /** Starts the changed bundles and every bundle that was active; null when all are up, else why not. */
    private String startAll(List<Bundle> changed, Map<Long, String> before) throws InterruptedException {
        for (Bundle b : changed) {
            if (!isFragment(b)) {
                try {
                    b.start();
                } catch (BundleException e) {
                    return b.getSymbolicName() + " " + b.getVersion() + " does not start: " + e.getMessage();
                }
            }
        }
        for (Bundle b : changed) {
            String down = isFragment(b) ? null : components.awaitUp(b);
            if (down != null) {
                return b.getSymbolicName() + " " + b.getVersion() + ": " + down;
            }
        }
        for (Bundle b : context.getBundles()) {
            if (before.getOrDefault(b.getBundleId(), "").endsWith(" active") && b.getState() != Bundle.ACTIVE) {
                return b.getSymbolicName() + " was active and is not any more (state " + b.getState() + ")";
            }
        }
        return null;
    }

    private String rollback(String why, List<Bundle> installed, Map<Bundle, byte[]> oldBytes, Map<Long, String> before)
            throws InterruptedException {
        List<String> trouble = new ArrayList<>();
        for (Bundle b : installed) {
            try {
                b.uninstall();
            } catch (BundleException | IllegalStateException e) {
                trouble.add("uninstall " + b.getSymbolicName() + ": " + e.getMessage());
            }
        }
        for (Map.Entry<Bundle, byte[]> e : oldBytes.entrySet()) {
            try {
                e.getKey().stop(Bundle.STOP_TRANSIENT);
                e.getKey().update(new ByteArrayInputStream(e.getValue()));
            } catch (BundleException | IllegalStateException ex) {
                trouble.add("revert " + e.getKey().getSymbolicName() + ": " + ex.getMessage());
            }
        }
        List<Bundle> touched = new ArrayList<>(installed);
        touched.addAll(oldBytes.keySet());
        refresh(touched);
        for (Bundle b : context.getBundles()) {
            if (before.getOrDefault(b.getBundleId(), "").endsWith(" active") && b.getState() != Bundle.ACTIVE) {
                try {
                    b.start();
                } catch (BundleException e) {
                    trouble.add("restart " + b.getSymbolicName() + ": " + e.getMessage());
                }
            }
        }
        for (Bundle b : oldBytes.keySet()) {
            String down = components.awaitUp(b);
            if (down != null) {
                trouble.add(b.getSymbolicName() + ": " + down);
            }
        }
        Map<Long, String> after = snapshot();
        if (after.equals(before) && trouble.isEmpty()) {
            return why + "; rolled back: every bundle is as before (" + before.size() + " bundles, same versions and states)";
        }
        List<String> differences = new ArrayList<>(trouble);
        before.forEach((id, was) -> {
            if (!was.equals(after.get(id))) {
                differences.add("bundle " + id + " was " + was + ", is " + after.getOrDefault(id, "gone"));
            }
        });
        after.keySet().stream().filter(id -> !before.containsKey(id))
                .forEach(id -> differences.add("bundle " + id + " " + after.get(id) + " is new"));
        return why + "; ROLLBACK INCOMPLETE: " + String.join("; ", differences);
    }

    /** Every bundle as {@code id → "name version state"}. */
    private Map<Long, String> snapshot() {
        Map<Long, String> out = new LinkedHashMap<>();
        for (Bundle b : context.getBundles()) {
            out.put(b.getBundleId(), b.getSymbolicName() + " " + b.getVersion() + " " + state(b));
        }
        return out;
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            default -> "state " + b.getState();
        };
    }

    /** Why each bundle that did not resolve cannot: the framework's own message, from a start attempt. */
    private static String unresolved(Collection<Bundle> bundles) {
        List<String> out = new ArrayList<>();
        for (Bundle b : bundles) {
            if (b.getState() == Bundle.INSTALLED) {
                try {
                    b.start(Bundle.START_TRANSIENT);
                    b.stop(Bundle.STOP_TRANSIENT);
                    out.add(b.getSymbolicName() + " " + b.getVersion() + " (no reason given)");
                } catch (BundleException e) {
                    out.add(b.getSymbolicName() + " " + b.getVersion() + ": " + e.getMessage());
                }
            }
        }
        return String.join("; ", out);
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }

    private void refresh(Collection<Bundle> bundles) throws InterruptedException {
        if (bundles.isEmpty()) {
            return;
        }
        CountDownLatch refreshed = new CountDownLatch(1);
        // the listener hears of the refresh's end only (FrameworkWiring.refreshBundles)
        wiring().refreshBundles(bundles, event -> refreshed.countDown());
        if (!refreshed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the framework did not finish refreshing within 60 s");
        }
    }

    private static boolean isFragment(Bundle b) {
        BundleRevision r = b.adapt(BundleRevision.class);
        return r != null && (r.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }
}
