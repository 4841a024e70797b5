package org.jbec.shell.internal;

import java.util.List;
import java.util.Locale;

/** Renders a {@link SystemStatus} as the text of the {@code status} command. */
final class StatusReport {

    private StatusReport() {
    }

    static String format(SystemStatus s) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-11s %s %s on Java %s%n", "framework", s.frameworkName(),
                s.frameworkVersion(), s.javaVersion()));
        out.append(String.format(Locale.ROOT, "%-11s %s%n", "redis", redisLine(s)));
        out.append(String.format(Locale.ROOT, "%-11s %s%n", "web view",
                s.webViews().isEmpty() ? "off (no HTTP runtime in this framework)" : String.join(", ", s.webViews())));
        List<String> problems = s.problems();
        out.append(String.format(Locale.ROOT, "%-11s %s%n", "ready",
                problems.isEmpty() ? "yes" : "no (" + problems.size() + " problems)"));
        for (String p : problems) {
            out.append("            - ").append(p).append(System.lineSeparator());
        }
        long healthyBundles = s.bundles().stream().filter(SystemStatus.BundleLine::healthy).count();
        out.append(String.format(Locale.ROOT, "%-11s %d active, %d not active%n", "bundles", healthyBundles,
                s.bundles().size() - healthyBundles));
        out.append(String.format(Locale.ROOT, "  %4s  %-11s %-24s %s%n", "ID", "STATE", "VERSION", "NAME"));
        for (SystemStatus.BundleLine b : s.bundles()) {
            out.append(String.format(Locale.ROOT, "  %4d  %-11s %-24s %s%n", b.id(),
                    b.shownState(), b.version(), b.symbolicName()));
        }
        out.append(String.format(Locale.ROOT, "%-11s %d on the bus%n", "services", s.services().size()));
        for (SystemStatus.ServiceLine service : s.services()) {
            out.append(String.format(Locale.ROOT, "  %-11s %-50s %s%n", service.status(), service.name(), service.host()));
        }
        long healthyComponents = s.components().stream().filter(SystemStatus.ComponentLine::healthy).count();
        out.append(String.format(Locale.ROOT, "%-11s %d up, %d not up%n", "components", healthyComponents,
                s.components().size() - healthyComponents));
        for (SystemStatus.ComponentLine c : s.components()) {
            out.append(String.format(Locale.ROOT, "  %-11s %s%n", c.state(), c.name()));
        }
        return out.toString().stripTrailing();
    }

    private static String redisLine(SystemStatus s) {
        if (s.redis().isEmpty()) {
            return "not configured";
        }
        StringBuilder line = new StringBuilder(s.redis().get().toString());
        if (s.redisHealth().connected()) {
            line.append(String.format(Locale.ROOT, " connected (Redis %s, ping %.2f ms)",
                    s.redisHealth().serverVersion(), s.redisHealth().roundTripNanos() / 1e6));
        } else {
            line.append(" NOT connected: ").append(s.redisHealth().error());
        }
        line.append(s.embeddedRedis().map(e -> ", embedded: " + e).orElse(", external server"));
        return line.toString();
    }
}
