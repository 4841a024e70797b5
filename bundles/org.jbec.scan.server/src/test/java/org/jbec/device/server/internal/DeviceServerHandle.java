package org.jbec.device.server.internal;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;

import org.jbec.bus.api.Connector;
import org.jbec.config.DeviceSessionReader;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.sim.internal.SimCameraFactory;
import org.jbec.device.sim.internal.SimMonitorFactory;
import org.jbec.device.sim.internal.SimPositionerFactory;
import org.jbec.service.Alarms;
import org.jbec.service.BecServices;

/** A real device server with the simulated device classes, for the scan server's system tests. */
public final class DeviceServerHandle {

    private final DeviceServer server;

    public DeviceServerHandle(Connector bus, Alarms alarms, BecServices services) {
        server = new DeviceServer(bus, alarms, services, (Path) null);
        server.addFactory(new SimPositionerFactory(), classes("ophyd_devices.SimPositioner"));
        server.addFactory(new SimMonitorFactory(), classes("ophyd_devices.SimMonitor"));
        server.addFactory(new SimCameraFactory(), classes("ophyd_devices.SimCamera"));
        server.addFactory(new SimMonitorFactory.Async(), classes("ophyd_devices.SimMonitorAsync"));
    }

    private static Map<String, Object> classes(String name) {
        return Map.of(DeviceFactory.DEVICE_CLASS, new String[] {name});
    }

    public void load(String yaml) throws Exception {
        server.load(new DeviceSessionReader().read(new StringReader(yaml), Path.of("."), "session.yaml"));
    }

    /** Registers a device class as a device bundle would (tests' own classes: failing, slow). */
    public void addFactory(DeviceFactory factory, String className) {
        server.addFactory(factory, classes(className));
    }

    /** Withdraws a device class as stopping its bundle would: its devices go down, the rest stay. */
    public void removeFactory(DeviceFactory factory, String className) {
        server.removeFactory(factory, classes(className));
    }

    /** Each device's state: "up", "disabled" or "down: reason". */
    public Map<String, String> states() {
        return server.states();
    }

    public boolean running() {
        return server.running();
    }

    public void stop() {
        server.stop();
    }
}
