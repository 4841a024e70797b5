package org.jbec.shell.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.framework.Version;

/**
 * What converging a host to its descriptor changes: bundles to install, update (old → new version)
 * and uninstall, and the configuration files that differ. Bundles not listed are left alone unless
 * an earlier deployment installed them (then they are uninstalled): the runtime's own bundles and
 * plugins from the deploy folder change only when the descriptor lists them (with a version, or as
 * {@code absent}: uninstalled).
 *
 * @param host      the host planned for
 * @param changes   the bundle changes, installs and updates in the descriptor's order, then uninstalls
 * @param unchanged how many listed bundles already run the wanted version
 * @param configs   configuration files that differ ({@code what: old -> new})
 * @param absent    the bundles the descriptor says must not run here
 */
record DeploymentPlan(String host, List<Change> changes, int unchanged, List<ConfigChange> configs, Set<String> absent) {

    enum Kind { INSTALL, UPDATE, UNINSTALL }

    /** A bundle running now, as the plan sees it. */
    record Running(long id, String symbolicName, Version version, String location) {
    }

    /**
     * One bundle change.
     *
     * @param running the bundle now (null for an install)
     * @param target  what it becomes (null for an uninstall)
     */
    record Change(Kind kind, String symbolicName, Running running, DeploymentTargets.Target target) {
    }

    /** A configuration file that the descriptor names differently from what runs. */
    record ConfigChange(String what, Path from, Path to) {
    }

    static DeploymentPlan of(String host, List<Running> running, List<DeploymentTargets.Target> targets,
            Set<String> installedByDeployment, Set<String> absent, Map<String, Path[]> configFiles) {
        Map<String, Running> byName = new LinkedHashMap<>();
        running.forEach(r -> byName.putIfAbsent(r.symbolicName(), r));
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (DeploymentTargets.Target t : targets) {
            Running now = byName.get(t.symbolicName());
            if (now == null) {
                changes.add(new Change(Kind.INSTALL, t.symbolicName(), null, t));
            } else if (!now.version().equals(t.version())) {
                changes.add(new Change(Kind.UPDATE, t.symbolicName(), now, t));
            } else {
                unchanged++;
            }
        }
        Set<String> listed = new java.util.HashSet<>();
        targets.forEach(t -> listed.add(t.symbolicName()));
        for (Running r : byName.values()) {
            if ((installedByDeployment.contains(r.symbolicName()) || absent.contains(r.symbolicName()))
                    && !listed.contains(r.symbolicName())) {
                changes.add(new Change(Kind.UNINSTALL, r.symbolicName(), r, null));
            }
        }
        List<ConfigChange> configs = new ArrayList<>();
        configFiles.forEach((what, fromTo) -> {
            if (fromTo[1] != null && !Objects.equals(fromTo[0], fromTo[1])) {
                configs.add(new ConfigChange(what, fromTo[0], fromTo[1]));
            }
        });
        return new DeploymentPlan(host, List.copyOf(changes), unchanged, List.copyOf(configs), Set.copyOf(absent));
    }

    boolean isEmpty() {
        return changes.isEmpty() && configs.isEmpty();
    }

    List<Change> of(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The plan as the operator reads it: one line per change, then a summary line. */
    String text() {
        StringBuilder out = new StringBuilder();
        for (Change c : changes) {
            switch (c.kind()) {
                case INSTALL -> out.append(String.format(Locale.ROOT, "install    %s %s  (from %s)%n", c.symbolicName(),
                        c.target().version(), c.target().jar()));
                case UPDATE -> out.append(String.format(Locale.ROOT, "update     %s %s -> %s  (from %s)%n",
                        c.symbolicName(), c.running().version(), c.target().version(), c.target().jar()));
                case UNINSTALL -> out.append(String.format(Locale.ROOT, "uninstall  %s %s  (%s)%n", c.symbolicName(),
                        c.running().version(), absent.contains(c.symbolicName()) ? "absent on this host"
                                : "installed by a deployment, no longer listed"));
            }
        }
        for (ConfigChange c : configs) {
            out.append(String.format(Locale.ROOT, "config     %s: %s -> %s%n", c.what(), c.from(), c.to()));
        }
        out.append(String.format(Locale.ROOT, "host %s: %d to install, %d to update, %d to uninstall, %d config "
                + "change%s, %d unchanged", host, of(Kind.INSTALL).size(), of(Kind.UPDATE).size(),
                of(Kind.UNINSTALL).size(), configs.size(), configs.size() == 1 ? "" : "s", unchanged));
        return out.toString();
    }
}
