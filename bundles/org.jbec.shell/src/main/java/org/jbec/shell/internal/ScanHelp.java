package org.jbec.shell.internal;

import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;

/** {@code <scan> --help}: the scan's doc and signature as the shell takes it. */
final class ScanHelp {

    private ScanHelp() {
    }

    static String text(ScanDescription scan) {
        StringBuilder s = new StringBuilder(scan.name()).append(": ").append(scan.doc()).append('\n');
        if (scan.bundled()) {
            s.append("  arguments: (").append(String.join(" ", scan.argInput().keySet())).append(") × ")
                    .append(scan.minBundles()).append(scan.maxBundles() == null ? "+" : "…" + scan.maxBundles())
                    .append('\n');
        }
        for (ScanParameter p : scan.signature()) {
            if (p.variadic()) {
                continue;
            }
            boolean positional = p.kind() != ScanParameter.Kind.KEYWORD_ONLY;
            if (scan.bundled() && positional) {
                continue;
            }
            s.append("  ").append(positional ? p.name() : "--" + p.name()).append(" (").append(p.type().wireName())
                    .append(p.hasDefault() ? ", default " + p.defaultValue() : ", required").append(")\n");
        }
        return s.toString();
    }
}
