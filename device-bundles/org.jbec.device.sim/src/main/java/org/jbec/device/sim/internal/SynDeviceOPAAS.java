package org.jbec.device.sim.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.Signal;

/**
 * BEC's SynDeviceOPAAS (bec-behaviour.md §3.5): a device made of positioners {@code x}, {@code y} and
 * a sub-device {@code z} with positioner {@code zsub}, so that users address {@code hexapod.x} and
 * {@code hexapod.z.zsub}; readings are named {@code hexapod_x}, {@code hexapod_z_zsub}.
 */
final class SynDeviceOPAAS implements Device {

    private final String name;
    private final Map<String, Device> parts = new LinkedHashMap<>();

    SynDeviceOPAAS(DeviceContext context) {
        this.name = context.name();
        Map<String, Object> instant = Map.of("delay", 0);
        parts.put("x", new SimPositioner(name + "_x", instant, context.timer()));
        parts.put("y", new SimPositioner(name + "_y", instant, context.timer()));
        parts.put("z", new Composite(name + "_z", Map.of("zsub", new SimPositioner(name + "_z_zsub", instant,
                context.timer()))));
    }

    @Override
    public String name() {
        return name;
    }

    /** Its parts are instant simulated positioners. */
    @Override
    public boolean nonBlocking() {
        return true;
    }

    @Override
    public List<Signal> signals() {
        return List.of();
    }

    @Override
    public Map<String, Device> subDevices() {
        return parts;
    }

    @Override
    public void destroy() {
        stop();
    }

    /** A device that only groups sub-devices. */
    private record Composite(String name, Map<String, Device> subDevices) implements Device {
        @Override
        public List<Signal> signals() {
            return List.of();
        }
    }
}
