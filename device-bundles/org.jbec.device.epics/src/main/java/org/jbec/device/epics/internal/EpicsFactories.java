package org.jbec.device.epics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Signal;
import org.jbec.epics.api.ChannelAccess;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The EPICS device classes, under ophyd's names (and the module paths BEC configs use). */
final class EpicsFactories {

    private EpicsFactories() {
    }

    static List<String> unknown(String cls, Map<String, Object> config, Set<String> accepted) {
        List<String> problems = new ArrayList<>();
        config.keySet().stream().filter(k -> !accepted.contains(k)).sorted().forEach(k -> problems.add(
                "deviceConfig." + k + ": " + cls + " does not take it; it takes " + new java.util.TreeSet<>(accepted)));
        return problems;
    }

    static void required(List<String> problems, Map<String, Object> config, String key) {
        if (!(config.get(key) instanceof String s) || s.isBlank()) {
            problems.add("deviceConfig." + key + ": required (a PV name)");
        }
    }

    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=EpicsMotor", DeviceFactory.DEVICE_CLASS + "=ophyd.EpicsMotor",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.EpicsMotor" })
    public static final class Motor implements DeviceFactory {
        private final ChannelAccess ca;

        @Activate
        public Motor(@Reference ChannelAccess ca) {
            this.ca = ca;
        }

        @Override
        public List<String> check(Map<String, Object> config) {
            List<String> problems = unknown("EpicsMotor", config, Set.of("prefix"));
            required(problems, config, "prefix");
            return problems;
        }

        @Override
        public Device create(DeviceContext context) {
            return new EpicsMotor(context, ca, String.valueOf(context.deviceConfig().get("prefix")));
        }
    }

    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=EpicsSignal", DeviceFactory.DEVICE_CLASS + "=ophyd.EpicsSignal",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.EpicsSignal" })
    public static final class SignalRW implements DeviceFactory {
        private final ChannelAccess ca;

        @Activate
        public SignalRW(@Reference ChannelAccess ca) {
            this.ca = ca;
        }

        @Override
        public List<String> check(Map<String, Object> config) {
            List<String> problems = unknown("EpicsSignal", config, Set.of("read_pv", "write_pv"));
            required(problems, config, "read_pv");
            return problems;
        }

        @Override
        public Device create(DeviceContext context) {
            String read = String.valueOf(context.deviceConfig().get("read_pv"));
            Object write = context.deviceConfig().get("write_pv");
            return new EpicsSignalDevice(context, ca, read, write == null ? read : String.valueOf(write));
        }
    }

    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=EpicsSignalRO", DeviceFactory.DEVICE_CLASS + "=ophyd.EpicsSignalRO",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.EpicsSignalRO" })
    public static final class SignalRO implements DeviceFactory {
        private final ChannelAccess ca;

        @Activate
        public SignalRO(@Reference ChannelAccess ca) {
            this.ca = ca;
        }

        @Override
        public List<String> check(Map<String, Object> config) {
            List<String> problems = unknown("EpicsSignalRO", config, Set.of("read_pv"));
            required(problems, config, "read_pv");
            return problems;
        }

        @Override
        public Device create(DeviceContext context) {
            PvSignal s = new PvSignal(context.name(), "value", Kind.HINTED,
                    ca.channel(String.valueOf(context.deviceConfig().get("read_pv"))), null);
            Connections connections = new Connections(List.of(s.channel()), context.events());
            return new Device() {
                @Override
                public String name() {
                    return context.name();
                }

                @Override
                public List<Signal> signals() {
                    return List.of(s);
                }

                @Override
                public void destroy() {
                    connections.close();
                }
            };
        }
    }

    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=EpicsSignalWithRBV", DeviceFactory.DEVICE_CLASS + "=ophyd.EpicsSignalWithRBV",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.EpicsSignalWithRBV" })
    public static final class SignalWithRbv implements DeviceFactory {
        private final ChannelAccess ca;

        @Activate
        public SignalWithRbv(@Reference ChannelAccess ca) {
            this.ca = ca;
        }

        @Override
        public List<String> check(Map<String, Object> config) {
            List<String> problems = unknown("EpicsSignalWithRBV", config, Set.of("prefix"));
            required(problems, config, "prefix");
            return problems;
        }

        @Override
        public Device create(DeviceContext context) {
            String prefix = String.valueOf(context.deviceConfig().get("prefix"));
            return new EpicsSignalDevice(context, ca, prefix + "_RBV", prefix);
        }
    }

    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=EpicsDevice", DeviceFactory.DEVICE_CLASS + "=jbec.EpicsDevice" })
    public static final class Generic implements DeviceFactory {
        private final ChannelAccess ca;

        @Activate
        public Generic(@Reference ChannelAccess ca) {
            this.ca = ca;
        }

        @Override
        public List<String> check(Map<String, Object> config) {
            List<String> problems = unknown("EpicsDevice", config, Set.of("prefix", "signals"));
            if (!(config.get("signals") instanceof Map<?, ?> signals) || signals.isEmpty()) {
                problems.add("deviceConfig.signals: required, a mapping of signal name to {pv, kind, write, write_pv}");
                return problems;
            }
            signals.forEach((name, spec) -> {
                if (!(spec instanceof Map<?, ?> s) || !(s.get("pv") instanceof String)) {
                    problems.add("deviceConfig.signals." + name + ".pv: required (a PV suffix or name)");
                } else if (s.get("kind") != null && !EpicsGenericDevice.KINDS.contains(String.valueOf(s.get("kind")))) {
                    problems.add("deviceConfig.signals." + name + ".kind: '" + s.get("kind") + "' is not one of "
                            + EpicsGenericDevice.KINDS);
                }
            });
            return problems;
        }

        @Override
        public Device create(DeviceContext context) {
            return new EpicsGenericDevice(context, ca);
        }
    }
}
