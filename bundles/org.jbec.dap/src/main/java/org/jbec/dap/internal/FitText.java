package org.jbec.dap.internal;

import java.util.Locale;

import org.jbec.dap.FitParameter;
import org.jbec.dap.FitResult;

/** A fit as the shell prints it: parameters with their errors, derived values, goodness of fit. */
final class FitText {

    private FitText() {
    }

    static String format(SignalChoice choice, FitResult fit) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s, background %s%n%s%n", fit.model(),
                fit.background().name().toLowerCase(Locale.ROOT), choice.title()));
        if (!fit.success()) {
            return out.append("  fit failed: ").append(fit.message()).toString();
        }
        for (FitParameter p : fit.parameters()) {
            out.append(String.format(Locale.ROOT, "  %-10s %14s ± %s%n", p.name(), DapCommands.n(p.value()),
                    DapCommands.n(p.stderr())));
        }
        fit.derived().forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-10s %14s%n", k,
                DapCommands.n(v))));
        out.append(String.format(Locale.ROOT, "  chi-square %s, reduced %s, %d points; %s", DapCommands.n(
                fit.chiSquare()), DapCommands.n(fit.reducedChiSquare()), fit.points(), fit.message()));
        return out.toString();
    }
}
