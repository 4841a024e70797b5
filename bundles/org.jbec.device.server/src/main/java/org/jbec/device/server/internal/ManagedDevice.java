package org.jbec.device.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jbec.config.DeviceConfig;
import org.jbec.device.api.Device;

/**
 * A device of the session as the server holds it: its configuration, the object its class built
 * (none while the class is missing or the device disabled), why it is not there, and the state to
 * restore when it is rebuilt.
 */
final class ManagedDevice {

    final DeviceConfig config;
    volatile Device device;
    volatile String problem = "";
    /** Metadata of the last instruction, carried by the readbacks published after it (BEC does so). */
    volatile Map<String, Object> metadata = Map.of();
    /** The last setpoint of a positioner, restored when the device is rebuilt. */
    volatile Double lastSetpoint;
    final List<AutoCloseable> subscriptions = new ArrayList<>();

    ManagedDevice(DeviceConfig config) {
        this.config = config;
    }

    String name() {
        return config.name();
    }

    /** False while the device reports itself disconnected (see {@link DeviceEventPublisher#connection}). */
    volatile boolean connected = true;

    boolean ready() {
        return device != null && connected;
    }

    void closeSubscriptions() {
        synchronized (subscriptions) {
            for (AutoCloseable s : subscriptions) {
                try {
                    s.close();
                } catch (Exception e) {
                    // a listener of a device being torn down
                }
            }
            subscriptions.clear();
        }
    }
}
