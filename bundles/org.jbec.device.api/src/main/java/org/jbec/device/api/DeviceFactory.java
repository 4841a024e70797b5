package org.jbec.device.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes devices of one class. Device bundles register one service per class with the service
 * property {@value #DEVICE_CLASS}: the class names it answers to, BEC's names included
 * ({@code ophyd_devices.SimPositioner}, {@code ophyd_devices.sim.sim_positioner.SimPositioner}).
 */
@ConsumerType
public interface DeviceFactory {

    /** Service property: String[] of class names. */
    String DEVICE_CLASS = "device.class";

    /**
     * Service property: {@code true} for classes whose devices read other devices when built
     * (computed signals, proxies); they are built after all others, as BEC does.
     */
    String BUILD_LAST = "device.build.last";

    /**
     * What is wrong with a {@code deviceConfig} for this class, one message per problem naming the
     * key; empty when it is fine. Called before any device is built, so a bad session is refused whole.
     */
    List<String> check(Map<String, Object> deviceConfig);

    /**
     * Builds a device. Must not block for long: connecting happens afterwards under the
     * device's connectionTimeout.
     */
    Device create(DeviceContext context);
}
