package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;
import org.osgi.service.component.annotations.Component;

/** BEC's small simulated classes made of plain signals. */
public final class SimpleSignalDevices {

    private SimpleSignalDevices() {
    }

    /** A device of given signals and sub-devices. */
    record Plain(String name, List<Signal> signals, Map<String, Device> subDevices) implements Device {
    }

    /**
     * BEC's ReadOnlySignal as the sim catalogue's SynSignalRO: a read-only hinted value that is a new
     * random number in [0, 1) at every read.
     */
    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=ReadOnlySignal",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.ReadOnlySignal",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_signals.ReadOnlySignal" })
    public static final class ReadOnlySignalFactory implements DeviceFactory {
        @Override
        public List<String> check(Map<String, Object> config) {
            return ConfigKeys.unknown("ReadOnlySignal", config, Set.of());
        }

        @Override
        public Device create(DeviceContext context) {
            Random random = new Random();
            Signal value = new ComputedValue(context.name(), random::nextDouble,
                    SignalDescription.number("SIM:" + context.name(), "", -1));
            return new Plain(context.name(), List.of(value), Map.of());
        }
    }

    /** BEC's SynDynamicComponents: a sub-device {@code messages} with settable signals message1…message5. */
    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=SynDynamicComponents",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.SynDynamicComponents",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim.SynDynamicComponents" })
    public static final class DynamicComponentsFactory implements DeviceFactory {
        @Override
        public List<String> check(Map<String, Object> config) {
            return ConfigKeys.unknown("SynDynamicComponents", config, Set.of());
        }

        @Override
        public Device create(DeviceContext context) {
            String prefix = context.name() + "_messages_";
            List<Signal> messages = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                messages.add(new SimSignal(prefix + "message" + i, "message" + i, Kind.NORMAL, true, "",
                        new SignalDescription("SIM:" + context.name(), "string", List.of(), "", -1)));
            }
            Map<String, Device> subs = new LinkedHashMap<>();
            subs.put("messages", new Plain(context.name() + "_messages", messages, Map.of()));
            return new Plain(context.name(), List.of(), subs);
        }
    }

    /**
     * BEC's SimPositionerWithController: a SimPositioner (same knobs and behaviour); its dummy
     * controller object is not simulated.
     */
    @Component(service = DeviceFactory.class, property = {
            DeviceFactory.DEVICE_CLASS + "=SimPositionerWithController",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.SimPositionerWithController",
            DeviceFactory.DEVICE_CLASS + "=ophyd_devices.sim.sim_test_devices.SimPositionerWithController" })
    public static final class WithControllerFactory implements DeviceFactory {
        private final SimPositionerFactory positioners = new SimPositionerFactory();

        @Override
        public List<String> check(Map<String, Object> config) {
            return positioners.check(config);
        }

        @Override
        public Device create(DeviceContext context) {
            return positioners.create(context);
        }
    }
}
