package org.jbec.device.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jbec.bus.api.BusUnavailableException;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.DeviceInfoMessage;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.DeviceStatusMessage;
import org.jbec.device.api.Device;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what devices read on BEC's endpoints (bec-behaviour.md §2.3). Readback events are
 * coalesced: a device that changes many times within one flush period (10 ms) is published once,
 * all dirty devices of a period in one batch.
 */
final class DevicePublisher {

    private final Logger logger = LoggerFactory.getLogger(DevicePublisher.class);
    private final Connector bus;
    private final Set<ManagedDevice> dirty = ConcurrentHashMap.newKeySet();

    DevicePublisher(Connector bus) {
        this.bus = bus;
    }

    static Map<String, Object> wire(Map<String, Reading> readings) {
        Map<String, Object> signals = new LinkedHashMap<>();
        readings.forEach((name, r) -> signals.put(name, r.toWire()));
        return signals;
    }

    private static Map<String, Object> metadata(ManagedDevice md) {
        return new LinkedHashMap<>(md.metadata);
    }

    void info(ManagedDevice md) {
        bus.set(Endpoints.deviceInfo(md.name()), new DeviceInfoMessage(null, md.name(),
                DeviceInfo.of(md.config, md.device)), null);
    }

    /** Everything a freshly built device publishes: readback, read, read_configuration, limits, status. */
    void initial(ManagedDevice md) {
        Device device = md.device;
        Connector.Batch batch = bus.batch();
        DeviceMessage read = new DeviceMessage(metadata(md), wire(device.read()));
        batch.setAndPublish(Endpoints.deviceReadback(md.name()), read);
        batch.setAndPublish(Endpoints.deviceRead(md.name()), read);
        batch.setAndPublish(Endpoints.deviceReadConfiguration(md.name()),
                new DeviceMessage(metadata(md), wire(device.readConfiguration())));
        if (device instanceof Positioner p) {
            batch.setAndPublish(Endpoints.deviceLimits(md.name()), limits(p));
            batch.set(Endpoints.deviceStatus(md.name()), new DeviceStatusMessage(null, md.name(), p.moving() ? 1L : 0L),
                    null);
        }
        batch.execute();
    }

    static DeviceMessage limits(Positioner p) {
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("low", Map.of("value", p.limits().low()));
        signals.put("high", Map.of("value", p.limits().high()));
        return new DeviceMessage(null, signals);
    }

    /** A reading of a device by a read instruction: read and readback in one batch. */
    Map<String, Object> read(ManagedDevice md, Map<String, Object> metadata) {
        Map<String, Object> signals = wire(md.device.read());
        Connector.Batch batch = bus.batch();
        published(md, signals, metadata, batch);
        batch.execute();
        return signals;
    }

    /**
     * Adds a reading to a batch as read and readback: an instruction reading several devices
     * publishes them, and its response, in one MULTI/EXEC. The message takes the instruction's
     * metadata as it is: the batch encodes it at once and nothing keeps it.
     */
    void published(ManagedDevice md, Map<String, Object> signals, Map<String, Object> metadata,
            org.jbec.bus.api.BusWriter batch) {
        DeviceMessage message = new DeviceMessage(metadata, signals);
        batch.setAndPublish(Endpoints.deviceRead(md.name()), message);
        batch.setAndPublish(Endpoints.deviceReadback(md.name()), message);
    }

    void readConfiguration(ManagedDevice md) {
        bus.setAndPublish(Endpoints.deviceReadConfiguration(md.name()),
                new DeviceMessage(metadata(md), wire(md.device.readConfiguration())));
    }

    /** A readback event: published with the next flush. */
    void changed(ManagedDevice md) {
        dirty.add(md);
    }

    /**
     * Publishes every device that changed since the last flush, in one batch, on the connection the
     * instructions' readings take, so that a reading and a later readback reach Redis in their order.
     */
    void flush() {
        if (dirty.isEmpty()) {
            return;
        }
        Connector.Batch batch = bus.unacknowledgedBatch();
        int n = 0;
        for (var it = dirty.iterator(); it.hasNext();) {
            ManagedDevice md = it.next();
            it.remove();
            Device device = md.device;
            if (device == null) {
                continue;
            }
            try {
                batch.setAndPublish(Endpoints.deviceReadback(md.name()),
                        new DeviceMessage(metadata(md), wire(device.read())));
                if (device instanceof Positioner p) {
                    batch.set(Endpoints.deviceStatus(md.name()),
                            new DeviceStatusMessage(null, md.name(), p.moving() ? 1L : 0L), null);
                }
                n++;
            } catch (RuntimeException e) {
                logger.warn("{}: readback not published: {}", md.name(), e.toString());
            }
        }
        if (n > 0) {
            try {
                batch.execute();
            } catch (BusUnavailableException e) {
                logger.debug("readbacks not published: {}", e.getMessage());
            }
        }
    }
}
