package org.jbec.device.sim.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;

/** A device context over a map of devices and a real timer. */
record TestContext(String name, Map<String, Object> deviceConfig, Map<String, Device> devices,
        ScheduledExecutorService timer, RecordedEvents events) implements DeviceContext {

    static TestContext of(String name, Map<String, Object> config, ScheduledExecutorService timer) {
        return new TestContext(name, config, new HashMap<>(), timer, new RecordedEvents());
    }

    @Override
    public Optional<Device> device(String other) {
        return Optional.ofNullable(devices.get(other));
    }
}
