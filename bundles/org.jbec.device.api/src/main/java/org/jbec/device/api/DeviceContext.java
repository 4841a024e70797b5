package org.jbec.device.api;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a device factory gets to build one device: its name and configuration, the other devices
 * (for simulations that follow a motor, computed signals), and the device server's shared timer
 * (devices start no threads of their own).
 */
public interface DeviceContext {

    String name();

    /** The session's {@code deviceConfig} for this device (empty when none). */
    Map<String, Object> deviceConfig();

    /** Another device of the session, once it is built (devices are built in {@code needs} order). */
    Optional<Device> device(String name);

    /** Shared timer for moves, updates and timeouts. */
    ScheduledExecutorService timer();

    /** Where the device publishes previews, asynchronous data and progress. */
    DeviceEvents events();
}
