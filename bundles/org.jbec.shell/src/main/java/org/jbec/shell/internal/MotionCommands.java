package org.jbec.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.StreamStart;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Motion as BEC's client offers it: {@code mv}/{@code mvr} start moves, {@code umv}/{@code umvr} follow
 * the readbacks until the device server reports every move done (Ctrl-C stops the devices),
 * {@code wm} shows where motors are, and SPEC's scan names mapped as BEC maps them.
 */
@Component(service = MotionCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec",
        "osgi.command.function=mv", "osgi.command.function=mvr",
        "osgi.command.function=umv", "osgi.command.function=umvr", "osgi.command.function=wm",
        "osgi.command.function=ascan", "osgi.command.function=dscan",
        "osgi.command.function=a2scan", "osgi.command.function=d2scan",
        "osgi.command.function=amesh", "osgi.command.function=dmesh" })
public final class MotionCommands {

    private static final Object CTRL_C = new Object();
    private final BecClient client;

    @Activate
    public MotionCommands(@Reference Connector bus) {
        this.client = new BecClient(bus);
    }

    @Descriptor("start moving devices to absolute targets: mv samx 1 samy 2")
    public String mv(CommandSession session, @Descriptor("device target pairs") String... pairs) throws InterruptedException {
        return move(session, "mv", pairs, false);
    }

    @Descriptor("start moving devices by relative steps: mvr samx 0.5")
    public String mvr(CommandSession session, @Descriptor("device step pairs") String... pairs) throws InterruptedException {
        return move(session, "mv", pairs, true);
    }

    @Descriptor("move devices to absolute targets and follow them until they arrive: umv samx 1")
    public String umv(CommandSession session, @Descriptor("device target pairs") String... pairs) throws InterruptedException {
        return move(session, "umv", pairs, false);
    }

    @Descriptor("move devices by relative steps and follow them until they arrive: umvr samx 0.5")
    public String umvr(CommandSession session, @Descriptor("device step pairs") String... pairs) throws InterruptedException {
        return move(session, "umv", pairs, true);
    }

    private String move(CommandSession session, String scan, String[] pairs, boolean relative)
            throws InterruptedException {
        if (pairs.length == 0 || pairs.length % 2 != 0) {
            throw new IllegalArgumentException(scan + " takes device target pairs, e.g. " + scan + " samx 1");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        List<String> devices = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            devices.add(pairs[i]);
            args.put(pairs[i], List.of(ScanArguments.convert(pairs[i + 1], org.jbec.scan.api.ArgType.FLOAT, pairs[i])));
        }
        // the request-status stream is watched before the request goes out: no completion is missed
        LinkedBlockingQueue<Object> done = new LinkedBlockingQueue<>();
        String rid = java.util.UUID.randomUUID().toString();
        if (!scan.equals("umv")) {
            client.submit(scan, args, Map.of("relative", relative), Map.of());
            return "moving " + String.join(", ", devices);
        }
        Map<String, Double> from = new LinkedHashMap<>();
        Map<String, Double> to = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            double start = client.readback(pairs[i]).filter(Number.class::isInstance).map(n -> ((Number) n).doubleValue())
                    .orElse(0.0);
            double target = ((Number) ((List<?>) args.get(pairs[i])).get(0)).doubleValue();
            from.put(pairs[i], start);
            to.put(pairs[i], relative ? start + target : target);
        }
        try (CtrlC keys = CtrlC.route(session, () -> done.add(CTRL_C));
                Subscription status = client.bus().subscribeStream(Endpoints.deviceReqStatus(rid), StreamStart.FROM_START,
                e -> done.add(e.value()));
                Subscription readbacks = subscribeReadbacks(devices, done)) {
            client.submit(scan, args, Map.of("relative", relative), Map.of("RID", rid));
            return follow(devices, done, rid, from, to);
        }
    }

    private Subscription subscribeReadbacks(List<String> devices, LinkedBlockingQueue<Object> events) {
        List<Subscription> subs = new ArrayList<>();
        devices.forEach(d -> subs.add(client.bus().subscribe(Endpoints.deviceReadback(d), e -> events.add(e.value()))));
        return new Subscription() {
            @Override
            public String key() {
                return "readbacks of " + devices;
            }

            @Override
            public void close() {
                subs.forEach(Subscription::close);
            }
        };
    }

    /** Prints the positions as they change until every device reported done; Ctrl-C stops them. */
    private String follow(List<String> devices, LinkedBlockingQueue<Object> events, String rid, Map<String, Double> from,
            Map<String, Double> to) {
        long started = System.nanoTime();
        int finished = 0;
        boolean failed = false;
        long lastPrint = 0;
        long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        while (finished < devices.size() && System.nanoTime() < deadline) {
            Object event;
            try {
                event = events.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                event = CTRL_C;
            }
            if (event == CTRL_C) {
                client.bus().send(Endpoints.stopDevices(), new VariableMessage(Map.of("stop_id", rid), devices));
                return "Ctrl-C: stopped " + String.join(", ", devices) + " at " + positions(devices);
            }
            if (event instanceof org.jbec.bus.api.message.DeviceReqStatusMessage r) {
                finished++;
                failed |= !Boolean.TRUE.equals(r.success());
            } else if (event instanceof DeviceMessage && System.nanoTime() - lastPrint > 100_000_000L) {
                lastPrint = System.nanoTime();
                System.out.println("  " + positions(devices) + progress(devices, from, to, started));
            }
        }
        return (failed ? "move failed; now " : "done: ") + positions(devices);
    }

    /** The least advanced device's share of its way, as a bar with an ETA. */
    private String progress(List<String> devices, Map<String, Double> from, Map<String, Double> to, long started) {
        double share = 1;
        for (String d : devices) {
            double way = Math.abs(to.get(d) - from.get(d));
            Object now = client.readback(d).orElse(null);
            if (way > 0 && now instanceof Number n) {
                share = Math.min(share, Math.min(1, Math.abs(n.doubleValue() - from.get(d)) / way));
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        int filled = (int) Math.round(share * 20);
        return String.format(Locale.ROOT, "  [%s%s] %3.0f%%%s", "#".repeat(filled), " ".repeat(20 - filled), share * 100,
                share > 0.01 && share < 1 ? String.format(Locale.ROOT, " ETA %.1f s", elapsed / share * (1 - share)) : "");
    }

    private String positions(List<String> devices) {
        StringBuilder s = new StringBuilder();
        for (String d : devices) {
            Object v = client.readback(d).orElse(null);
            s.append(String.format(Locale.ROOT, "%s %s  ", d, v instanceof Number n
                    ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : String.valueOf(v)));
        }
        return s.toString().trim();
    }

    @Descriptor("where motors are: readback and limits of the positioners (all, or names matching a glob)")
    public String wm(@Descriptor("names containing these words, or quoted globs like 'sam*'") String... patterns) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %14s %12s %12s%n", "motor",
                "readback", "low limit", "high limit"));
        for (String device : client.devices().keySet()) {
            if (!matches(device, patterns) || !client.isPositioner(device)) {
                continue;
            }
            Object value = client.readback(device).orElse("-");
            Map<String, Object> limits = client.bus().get(Endpoints.deviceLimits(device)).map(DeviceMessage::signals)
                    .orElse(Map.of());
            out.append(String.format(Locale.ROOT, "%-16s %14s %12s %12s%n", device, number(value),
                    number(limit(limits, "low")), number(limit(limits, "high"))));
        }
        return out.toString();
    }

    private static Object limit(Map<String, Object> limits, String which) {
        return limits.get(which) instanceof Map<?, ?> m ? m.get("value") : "-";
    }

    private static String number(Object v) {
        return v instanceof Number n ? String.format(Locale.ROOT, "%.4f", n.doubleValue()) : String.valueOf(v);
    }

    static boolean matches(String name, String[] patterns) {
        if (patterns == null || patterns.length == 0) {
            return true;
        }
        for (String p : patterns) {
            // a plain word matches names containing it (Gogo expands unquoted * itself: quote 'sam*')
            boolean glob = p.contains("*") || p.contains("?");
            if (glob ? name.matches(p.replace(".", "\\.").replace("*", ".*").replace("?", ".")) : name.contains(p)) {
                return true;
            }
        }
        return false;
    }

    @Descriptor("SPEC ascan: line_scan of one motor, absolute: ascan samx -1 1 10 0.1")
    public Object ascan(CommandSession session, String motor, double start, double stop, int steps, double expTime)
            throws InterruptedException {
        return line(session, List.of(motor, start, stop), steps, expTime, false);
    }

    @Descriptor("SPEC dscan: line_scan of one motor, relative to where it is")
    public Object dscan(CommandSession session, String motor, double start, double stop, int steps, double expTime)
            throws InterruptedException {
        return line(session, List.of(motor, start, stop), steps, expTime, true);
    }

    @Descriptor("SPEC a2scan: line_scan of two motors together, absolute")
    public Object a2scan(CommandSession session, String m1, double s1, double e1, String m2, double s2, double e2,
            int steps, double expTime) throws InterruptedException {
        return line(session, List.of(m1, s1, e1, m2, s2, e2), steps, expTime, false);
    }

    @Descriptor("SPEC d2scan: line_scan of two motors together, relative")
    public Object d2scan(CommandSession session, String m1, double s1, double e1, String m2, double s2, double e2,
            int steps, double expTime) throws InterruptedException {
        return line(session, List.of(m1, s1, e1, m2, s2, e2), steps, expTime, true);
    }

    @Descriptor("SPEC amesh: grid_scan of two motors (the first fastest), absolute")
    public Object amesh(CommandSession session, String m1, double s1, double e1, int n1, String m2, double s2, double e2,
            int n2, double expTime) throws InterruptedException {
        return grid(session, m1, s1, e1, n1, m2, s2, e2, n2, expTime, false);
    }

    @Descriptor("SPEC dmesh: grid_scan of two motors (the first fastest), relative")
    public Object dmesh(CommandSession session, String m1, double s1, double e1, int n1, String m2, double s2, double e2,
            int n2, double expTime) throws InterruptedException {
        return grid(session, m1, s1, e1, n1, m2, s2, e2, n2, expTime, true);
    }

    private Object line(CommandSession session, List<Object> bundles, int steps, double expTime, boolean relative)
            throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < bundles.size(); i += 3) {
            args.put((String) bundles.get(i), List.of(bundles.get(i + 1), bundles.get(i + 2)));
        }
        return run(session, "line_scan", args, Map.of("steps", (long) steps, "exp_time", expTime, "relative", relative));
    }

    private Object grid(CommandSession session, String m1, double s1, double e1, int n1, String m2, double s2,
            double e2, int n2, double expTime, boolean relative) throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(m1, List.of(s1, e1, (long) n1));
        args.put(m2, List.of(s2, e2, (long) n2));
        return run(session, "grid_scan", args, Map.of("exp_time", expTime, "relative", relative));
    }

    private Object run(CommandSession session, String scan, Map<String, Object> args, Map<String, Object> kwargs)
            throws InterruptedException {
        ScanWatch watch = new ScanWatch(client, System.out).listen();
        String rid;
        try {
            rid = client.submit(scan, args, kwargs, Map.of());
        } catch (RuntimeException | InterruptedException e) {
            watch.close();
            throw e;
        }
        watch.follow(rid, session);
        return null;
    }
}
