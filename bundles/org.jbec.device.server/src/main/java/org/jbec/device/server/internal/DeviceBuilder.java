package org.jbec.device.server.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import org.jbec.bus.api.Connector;
import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceEvents;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.api.Positioner;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.Alarms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and tears down the devices of the session through their classes' factories: creation
 * under the device's connectionTimeout, first publication, readback subscriptions; a failure leaves
 * the device down with its reason and an alarm, never the server.
 */
final class DeviceBuilder {

    private final Logger logger = LoggerFactory.getLogger(DeviceBuilder.class);
    private final Connector bus;
    private final Map<String, DeviceFactory> factories;
    private final Map<String, ManagedDevice> devices;
    private final DevicePublisher publisher;
    private final Alarms alarms;
    private final Guard guard;
    private final ScheduledExecutorService timer;

    DeviceBuilder(Connector bus, Map<String, DeviceFactory> factories, Map<String, ManagedDevice> devices,
            DevicePublisher publisher, Alarms alarms, ExecutorService work, ScheduledExecutorService timer) {
        this.bus = bus;
        this.factories = factories;
        this.devices = devices;
        this.publisher = publisher;
        this.alarms = alarms;
        this.guard = new Guard(work);
        this.timer = timer;
    }

    /** Builds one device; a failure disables nothing else and is reported. */
    boolean build(ManagedDevice md) {
        DeviceFactory factory = factories.get(md.config.deviceClass());
        if (factory == null) {
            md.problem = "no device class " + md.config.deviceClass() + " is installed";
            logger.warn("{}: {}", md.name(), md.problem);
            return false;
        }
        try {
            Map<String, Object> config = md.config.deviceConfig() == null ? Map.of() : md.config.deviceConfig();
            Device device = guard.call(md.name(), "create",
                    Duration.ofMillis((long) (md.config.connectionTimeout() * 1000)),
                    () -> factory.create(new Context(md, config)));
            md.device = device;
            md.blockedTheBus = false; // a new build (a class update, say) gets its chance again
            md.problem = "";
            if (md.lastSetpoint != null && device instanceof Positioner p) {
                p.move(md.lastSetpoint); // restored after a class update
            }
            publisher.info(md);
            publisher.initial(md);
            device.allSignals().stream().filter(s -> s.kind().inRead()).forEach(s -> {
                synchronized (md.subscriptions) {
                    md.subscriptions.add(s.subscribe(r -> publisher.changed(md)));
                }
            });
            // claims only once the device is published and followed
            md.classLeftNanos = 0;
            md.reopened();
            return true;
        } catch (RuntimeException e) {
            md.device = null;
            md.problem = String.valueOf(e.getMessage());
            alarms.raise(AlarmSeverity.MINOR, md.name(), e.getClass().getSimpleName(),
                    md.name() + " could not be built: " + e.getMessage());
            return false;
        }
    }

    void tearDown(ManagedDevice md) {
        md.closeSubscriptions();
        Device device = md.device;
        md.device = null;
        if (device == null) {
            return;
        }
        if (device instanceof Positioner p) {
            md.lastSetpoint = p.position();
        }
        try {
            guard.call(md.name(), "destroy", InstructionExecutor.CALL_LIMIT, () -> {
                device.destroy();
                return null;
            });
        } catch (RuntimeException e) {
            logger.warn("{}: destroy failed: {}", md.name(), e.getMessage());
        }
    }

    private final class Context implements DeviceContext {
        private final String name;
        private final Map<String, Object> config;
        private final DeviceEventPublisher events;

        Context(ManagedDevice md, Map<String, Object> config) {
            this.name = md.name();
            this.config = config;
            this.events = new DeviceEventPublisher(bus, md, alarms);
        }

        @Override
        public org.jbec.device.api.DeviceEvents events() {
            return events;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Map<String, Object> deviceConfig() {
            return config;
        }

        @Override
        public Optional<Device> device(String other) {
            ManagedDevice md = devices.get(other);
            return md == null ? Optional.empty() : Optional.ofNullable(md.device);
        }

        @Override
        public ScheduledExecutorService timer() {
            return timer;
        }
    }
}
