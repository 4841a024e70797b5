package org.jbec.shell.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** The text of {@code deploy_status}: the applied deployment, each bundle as it runs now, and the history. */
final class DeploymentStatus {

    private DeploymentStatus() {
    }

    /**
     * @param running symbolic name → the version running now, or "not installed"
     * @param last    how many history entries
     */
    static String text(DeploymentRecords records, UnaryOperator<String> running, int last) throws IOException {
        StringBuilder out = new StringBuilder();
        records.applied().ifPresentOrElse(a -> {
            out.append(String.format(Locale.ROOT, "applied: host %s from %s (sha256 %s) by %s at %s%n", a.host(),
                    a.descriptor(), a.sha256().substring(0, 12), a.who(), a.time()));
            a.bundles().forEach((name, version) -> out.append(String.format(Locale.ROOT, "  %-40s %-20s %s%n", name,
                    version, running.apply(name).equals(version) ? "running" : "NOW " + running.apply(name))));
            a.absent().forEach(name -> out.append(String.format(Locale.ROOT, "  %-40s %-20s %s%n", name, "absent",
                    running.apply(name).equals("not installed") ? "not installed" : "NOW " + running.apply(name))));
            if (a.deviceSession() != null) {
                out.append("  device session ").append(a.deviceSession()).append('\n');
            }
            if (a.serversConfig() != null) {
                out.append("  servers config ").append(a.serversConfig()).append('\n');
            }
        }, () -> out.append("applied: none (the runtime as started)\n"));
        out.append("history:\n");
        List<DeploymentRecords.Entry> history = records.history(last);
        if (history.isEmpty()) {
            out.append("  (none)\n");
        }
        for (DeploymentRecords.Entry e : history) {
            out.append(String.format(Locale.ROOT, "  %s %-8s %-10s host %s, %s (%s): %s%n", e.time(), e.who(),
                    e.result(), e.host(), e.descriptor(), e.sha256().substring(0, 12), e.detail()));
        }
        return out.toString().stripTrailing();
    }
}
