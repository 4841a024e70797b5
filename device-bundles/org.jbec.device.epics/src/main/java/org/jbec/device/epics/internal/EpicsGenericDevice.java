package org.jbec.device.epics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Signal;
import org.jbec.epics.api.ChannelAccess;

/**
 * An IOC's device described in YAML alone, so a beamline adds one without Java:
 * <pre>
 * deviceConfig:
 *   prefix: "X10SA-ES-DET1:"
 *   signals:
 *     counts:   {pv: "CNT", kind: hinted}
 *     exposure: {pv: "EXP", kind: config, write: true}
 *     status:   {pv: "STATUS_RBV", write_pv: "STATUS"}
 * </pre>
 * Each signal reads {@code prefix + pv} (a PV with a colon is taken whole), writes {@code write_pv}
 * (or the same PV with {@code write: true}), and is named {@code <device>_<signal>}; the first hinted
 * one (or the first) is named after the device.
 */
final class EpicsGenericDevice implements Device {

    static final List<String> KINDS = List.of("hinted", "normal", "config", "omitted");

    private final String name;
    private final List<Signal> signals = new ArrayList<>();
    private final Connections connections;

    EpicsGenericDevice(DeviceContext context, ChannelAccess ca) {
        this.name = context.name();
        Map<?, ?> config = context.deviceConfig();
        String prefix = config.get("prefix") == null ? "" : String.valueOf(config.get("prefix"));
        Map<?, ?> defined = (Map<?, ?>) config.get("signals");
        String main = mainSignal(defined);
        List<org.jbec.epics.api.PvChannel> channels = new ArrayList<>();
        defined.forEach((attribute, spec) -> {
            Map<?, ?> s = (Map<?, ?>) spec;
            String readPv = pv(prefix, String.valueOf(s.get("pv")));
            String writePv = s.get("write_pv") != null ? pv(prefix, String.valueOf(s.get("write_pv")))
                    : Boolean.TRUE.equals(s.get("write")) ? readPv : null;
            Kind kind = kind(s.get("kind"));
            String signalName = attribute.equals(main) ? name : name + "_" + attribute;
            PvSignal signal = new PvSignal(signalName, String.valueOf(attribute), kind, ca.channel(readPv),
                    writePv == null ? null : ca.channel(writePv));
            signals.add(signal);
            channels.add(signal.channel());
            if (writePv != null && !writePv.equals(readPv)) {
                channels.add(ca.channel(writePv));
            }
        });
        connections = new Connections(channels, context.events());
    }

    private static String mainSignal(Map<?, ?> defined) {
        for (var e : defined.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> s && "hinted".equals(s.get("kind"))) {
                return String.valueOf(e.getKey());
            }
        }
        return String.valueOf(defined.keySet().iterator().next());
    }

    private static String pv(String prefix, String pv) {
        return pv.contains(":") ? pv : prefix + pv;
    }

    static Kind kind(Object value) {
        return switch (value == null ? "normal" : String.valueOf(value).toLowerCase(Locale.ROOT)) {
            case "hinted" -> Kind.HINTED;
            case "config" -> Kind.CONFIG;
            case "omitted" -> Kind.OMITTED;
            default -> Kind.NORMAL;
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Signal> signals() {
        return signals;
    }

    @Override
    public void destroy() {
        connections.close();
    }
}
