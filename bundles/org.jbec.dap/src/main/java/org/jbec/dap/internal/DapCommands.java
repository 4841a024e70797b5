package org.jbec.dap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jbec.dap.Background;
import org.jbec.dap.FitResult;
import org.jbec.dap.PeakStatistics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * SPEC's data commands on the last scan (or {@code --scan N}): {@code peak}, {@code cen},
 * {@code com}, {@code fwhm}, {@code fit}, and {@code goto_peak}/{@code goto_cen}/{@code goto_com},
 * which move the scan motor with the shell's own {@code umv}. Without a signal they take the
 * monitored signal that stands out most from its baseline.
 */
@Component(service = DapCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec",
        "osgi.command.function=peak", "osgi.command.function=cen", "osgi.command.function=com",
        "osgi.command.function=fwhm", "osgi.command.function=fit", "osgi.command.function=fit_models",
        "osgi.command.function=fit_bench",
        "osgi.command.function=goto_peak", "osgi.command.function=goto_cen", "osgi.command.function=goto_com" })
public final class DapCommands {

    private static final String LAST = "0";
    private final ScanDataStore scans;
    private final ModelWhiteboard dap;

    @Activate
    public DapCommands(@Reference ScanDataStore scans, @Reference ModelWhiteboard dap) {
        this.scans = scans;
        this.dap = dap;
    }

    @Descriptor("peak statistics of a scan: peak, minimum, centre (FWHM), centre of mass, FWHM, steepest edge")
    public String peak(@Descriptor("scan number (default: the last scan)") @Parameter(names = {"-s", "--scan"},
            absentValue = LAST) long scan, @Descriptor("signal (default: the most prominent monitored signal)")
            String... signal) {
        return analyse(scan, signal, (c, s) -> String.format(Locale.ROOT, "%s%n  peak   %s = %s  %s%n"
                + "  min    %s = %s  %s%n  cen    %s = %s  (centre of the FWHM)%n  fwhm   %s%n  com    %s = %s%n"
                + "  edge   %s = %s  (slope %s)%n  scanned %s to %s%s", c.title(), c.axis(), n(s.peakX()),
                n(s.peakY()), c.axis(), n(s.minX()), n(s.minY()), c.axis(), n(s.cen()), n(s.fwhm()), c.axis(),
                n(s.com()), c.axis(), n(s.edgeX()), n(s.edgeSlope()), n(s.scanFrom()), n(s.scanTo()),
                s.note() == null ? "" : String.format("%n  note: %s", s.note())));
    }

    @Descriptor("centre of the peak: the middle of its full width at half maximum")
    public String cen(@Descriptor("scan number (default: the last scan)") @Parameter(names = {"-s", "--scan"},
            absentValue = LAST) long scan, @Descriptor("signal (default: the most prominent monitored signal)")
            String... signal) {
        return one(scan, signal, "cen", PeakStatistics::cen);
    }

    @Descriptor("centre of mass of the signal above its minimum")
    public String com(@Descriptor("scan number (default: the last scan)") @Parameter(names = {"-s", "--scan"},
            absentValue = LAST) long scan, @Descriptor("signal (default: the most prominent monitored signal)")
            String... signal) {
        return one(scan, signal, "com", PeakStatistics::com);
    }

    @Descriptor("full width at half maximum of the peak")
    public String fwhm(@Descriptor("scan number (default: the last scan)") @Parameter(names = {"-s", "--scan"},
            absentValue = LAST) long scan, @Descriptor("signal (default: the most prominent monitored signal)")
            String... signal) {
        return analyse(scan, signal, (c, s) -> String.format(Locale.ROOT, "fwhm = %s  (%s)%s", n(s.fwhm()), c.title(),
                Double.isNaN(s.fwhm()) && s.note() != null ? "; " + s.note() : ""));
    }

    @Descriptor("fit a model (GaussianModel, LorentzianModel, PseudoVoigtModel, StepModel, LinearModel ...)")
    public String fit(@Descriptor("scan number (default: the last scan)") @Parameter(names = {"-s", "--scan"},
            absentValue = LAST) long scan, @Descriptor("background: none, constant or linear (default: the model's)")
            @Parameter(names = {"-b", "--background"}, absentValue = "") String background,
            @Descriptor("model name") String model,
            @Descriptor("signal (default: the most prominent monitored signal)") String... signal) {
        try {
            SignalChoice choice = choose(scan, signal);
            FitResult fit = dap.fit(model, background.isEmpty() ? null : Background.parse(background), choice.curve());
            return FitText.format(choice, fit);
        } catch (DapProblem | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Descriptor("the fit models available now")
    public String fit_models() {
        StringBuilder out = new StringBuilder();
        dap.models().forEach(m -> dap.model(m).ifPresent(model -> out.append(String.format(Locale.ROOT,
                "%-18s %s%n", m, model.description()))));
        return out.toString();
    }

    @Descriptor("time to fit 10,000 noisy points with each model (uses a full core for a few seconds)")
    public String fit_bench() {
        return FitBench.report(FitBench.POINTS);
    }

    @Descriptor("move the scan motor to the highest point of the signal (umv)")
    public Object goto_peak(CommandSession session, @Descriptor("scan number (default: the last scan)")
            @Parameter(names = {"-s", "--scan"}, absentValue = LAST) long scan,
            @Descriptor("move without asking even when the target lies outside the scanned range")
            @Parameter(names = {"-y", "--yes", "--force"}, presentValue = "true", absentValue = "false") boolean yes,
            @Descriptor("signal (default: the most prominent monitored signal)") String... signal) throws Exception {
        return moveTo(session, scan, signal, yes, "peak", (c, s) -> s.peakX());
    }

    @Descriptor("move the scan motor to the centre of the peak's FWHM, or to a fitted centre (umv)")
    public Object goto_cen(CommandSession session, @Descriptor("scan number (default: the last scan)")
            @Parameter(names = {"-s", "--scan"}, absentValue = LAST) long scan,
            @Descriptor("move without asking even when the target lies outside the scanned range")
            @Parameter(names = {"-y", "--yes", "--force"}, presentValue = "true", absentValue = "false") boolean yes,
            @Descriptor("go to the center of this model's fit instead (it may lie outside the scanned range)")
            @Parameter(names = {"-f", "--fit"}, absentValue = "") String model,
            @Descriptor("signal (default: the most prominent monitored signal)") String... signal) throws Exception {
        if (model.isEmpty()) {
            return moveTo(session, scan, signal, yes, "cen", (c, s) -> s.cen());
        }
        return moveTo(session, scan, signal, yes, model + " center", (c, s) -> {
            FitResult fit = dap.fit(model, null, c.curve());
            if (!fit.success()) {
                throw new DapProblem("not moving: " + fit.message());
            }
            return fit.parameter("center").orElseThrow(() -> new DapProblem("not moving: " + model
                    + " has no center")).value();
        });
    }

    @Descriptor("move the scan motor to the centre of mass of the signal (umv)")
    public Object goto_com(CommandSession session, @Descriptor("scan number (default: the last scan)")
            @Parameter(names = {"-s", "--scan"}, absentValue = LAST) long scan,
            @Descriptor("move without asking even when the target lies outside the scanned range")
            @Parameter(names = {"-y", "--yes", "--force"}, presentValue = "true", absentValue = "false") boolean yes,
            @Descriptor("signal (default: the most prominent monitored signal)") String... signal) throws Exception {
        return moveTo(session, scan, signal, yes, "com", (c, s) -> s.com());
    }

    /** Where to go, from the data and their statistics. @throws DapProblem saying why there is no target */
    interface Target {
        double of(SignalChoice choice, PeakStatistics statistics);
    }

    private Object moveTo(CommandSession session, long scan, String[] signal, boolean yes, String what,
            Target target) throws Exception {
        SignalChoice choice;
        PeakStatistics s;
        double x;
        try {
            choice = choose(scan, signal);
            s = dap.statistics(choice.curve());
            x = s.ok() ? target.of(choice, s) : Double.NaN;
        } catch (DapProblem e) {
            return e.getMessage();
        }
        if (!Double.isFinite(x)) {
            return "not moving: no " + what + " for " + choice.title() + ": "
                    + (s.ok() ? String.valueOf(s.note()) : s.problem());
        }
        if (!s.inScannedRange(x) && !yes && !confirm(session, String.format(Locale.ROOT,
                "%s %s = %s lies outside the scanned range %s to %s; move there? [y/N] ", what, choice.axis(), n(x),
                n(s.scanFrom()), n(s.scanTo())))) {
            return "not moving " + choice.axis() + " (use --yes to move without asking)";
        }
        System.out.printf(Locale.ROOT, "%s: moving %s to %s = %s%n", choice.title(), choice.axis(), what, n(x));
        // the shell's umv: the same request, readback display, Ctrl-C handling as typed by hand
        return session.execute("jbec:umv " + choice.axis() + " " + String.format(Locale.ROOT, "%.10g", x));
    }

    /** Asks on the session's keyboard; no answer (a script at end of input) means no. */
    private static boolean confirm(CommandSession session, String question) throws IOException {
        System.out.print(question);
        System.out.flush();
        InputStream in = session.getKeyboard();
        if (in == null) {
            return false;
        }
        StringBuilder answer = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && c != '\r'; c = in.read()) {
            answer.append((char) c);
        }
        System.out.println();
        return answer.toString().trim().toLowerCase(Locale.ROOT).startsWith("y");
    }

    private SignalChoice choose(long scan, String[] signal) {
        String name = signal == null || signal.length == 0 ? null : signal[0];
        return SignalChoice.of(scans.scan(scan), null, name);
    }

    private String one(long scan, String[] signal, String what, ToDoubleFunction<PeakStatistics> value) {
        return analyse(scan, signal, (c, s) -> format(c, what, value.applyAsDouble(s), s));
    }

    private static String format(SignalChoice c, String what, double value, PeakStatistics s) {
        return String.format(Locale.ROOT, "%s %s = %s  (%s)%s", what, c.axis(), n(value), c.title(),
                Double.isNaN(value) && s.note() != null ? "; " + s.note() : "");
    }

    private String analyse(long scan, String[] signal, java.util.function.BiFunction<SignalChoice, PeakStatistics,
            String> text) {
        try {
            SignalChoice choice = choose(scan, signal);
            PeakStatistics s = dap.statistics(choice.curve());
            return s.ok() ? text.apply(choice, s) : choice.title() + ": " + s.problem();
        } catch (DapProblem e) {
            return e.getMessage();
        }
    }

    static String n(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.6g", v);
    }
}
