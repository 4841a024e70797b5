package org.jbec.device.server.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.BusUnavailableException;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.DevicePreviewMessage;
import org.jbec.bus.api.message.NdArray;
import org.jbec.bus.api.message.ProgressMessage;
import org.jbec.device.api.DeviceEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device's own publications on BEC's endpoints (bec-protocol.md §1.4): previews capped at
 * min(100, 1000 / size in MB) entries with EXPIRE 3600, async signal streams with MAXLEN ~1000 and
 * EXPIRE 600 under the scan the device was staged for, progress with EX 3600.
 */
final class DeviceEventPublisher implements DeviceEvents {

    private final Logger logger = LoggerFactory.getLogger(DeviceEventPublisher.class);
    private final Connector bus;
    private final ManagedDevice md;

    private final org.jbec.service.Alarms alarms;

    DeviceEventPublisher(Connector bus, ManagedDevice md, org.jbec.service.Alarms alarms) {
        this.bus = bus;
        this.md = md;
        this.alarms = alarms;
    }

    @Override
    public void connection(boolean connected, String detail) {
        if (md.connected == connected) {
            return;
        }
        md.connected = connected;
        md.problem = connected ? "" : "disconnected: " + detail;
        if (connected) {
            logger.info("{} connected again ({})", md.name(), detail);
        } else {
            alarms.raise(org.jbec.service.AlarmSeverity.MINOR, md.name(), "DeviceDisconnected",
                    md.name() + " is disconnected: " + detail);
        }
    }

    @Override
    public void preview(String signal, NdArray data) {
        double megabytes = Math.max(data.data().length / 1e6, 1e-6);
        if (megabytes > 1000) {
            logger.warn("{}: preview of {} ({} MB) dropped, over BEC's 1000 MB", md.name(), signal, megabytes);
            return;
        }
        long cap = Math.max(1, Math.min(100, (long) (1000 / megabytes)));
        try {
            bus.xadd(Endpoints.devicePreview(md.name(), signal),
                    new DevicePreviewMessage(null, md.name(), signal, data, System.currentTimeMillis() / 1000.0),
                    Limits.maxLength(cap).withExpire(Duration.ofSeconds(3600)));
        } catch (BusUnavailableException e) {
            logger.debug("{}: preview not published: {}", md.name(), e.getMessage());
        }
    }

    @Override
    public void asyncData(String signal, Object value, String type, List<Integer> maxShape, Integer index) {
        Object scanId = md.metadata.get("scan_id");
        if (scanId == null) {
            logger.debug("{}: async data of {} dropped: no scan staged", md.name(), signal);
            return;
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("type", type);
        update.put("max_shape", maxShape == null ? null : new ArrayList<Object>(maxShape));
        update.put("index", index == null ? null : (long) index);
        Map<String, Object> metadata = new LinkedHashMap<>(md.metadata);
        metadata.put("async_update", update);
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put(md.name() + "_" + signal, Map.of("value", value, "timestamp", System.currentTimeMillis() / 1000.0));
        try {
            bus.xadd(Endpoints.deviceAsyncSignal(String.valueOf(scanId), md.name(), signal),
                    new DeviceMessage(metadata, signals), Limits.maxLength(1000).withExpire(Duration.ofSeconds(600)));
        } catch (BusUnavailableException e) {
            logger.warn("{}: async data of {} not published: {}", md.name(), signal, e.getMessage());
        }
    }

    @Override
    public void asyncReadback(Map<String, Object> signals, String type, List<Integer> maxShape) {
        Object scanId = md.metadata.get("scan_id");
        if (scanId == null) {
            logger.debug("{}: async readback dropped: no scan staged", md.name());
            return;
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("type", type);
        update.put("max_shape", maxShape == null ? null : new ArrayList<Object>(maxShape));
        Map<String, Object> metadata = new LinkedHashMap<>(md.metadata);
        metadata.put("async_update", update);
        try {
            bus.xadd(Endpoints.deviceAsyncReadback(String.valueOf(scanId), md.name()), new DeviceMessage(metadata,
                    new LinkedHashMap<>(signals)), Limits.NONE.withExpire(Duration.ofSeconds(1800)));
        } catch (BusUnavailableException e) {
            logger.warn("{}: async readback not published: {}", md.name(), e.getMessage());
        }
    }

    @Override
    public void pointRead(Map<String, org.jbec.device.api.Reading> readings, long pointId) {
        Map<String, Object> metadata = new LinkedHashMap<>(md.metadata);
        metadata.put("point_id", pointId);
        try {
            bus.setAndPublish(Endpoints.deviceRead(md.name()), new DeviceMessage(metadata, DevicePublisher.wire(readings)));
        } catch (BusUnavailableException e) {
            logger.warn("{}: point {} not published: {}", md.name(), pointId, e.getMessage());
        }
    }

    @Override
    public void status(long status) {
        try {
            bus.set(Endpoints.deviceStatus(md.name()), new org.jbec.bus.api.message.DeviceStatusMessage(
                    new LinkedHashMap<>(md.metadata), md.name(), status), null);
        } catch (BusUnavailableException e) {
            logger.debug("{}: status not published: {}", md.name(), e.getMessage());
        }
    }

    @Override
    public long scanPoints() {
        return md.metadata.get("num_points") instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public void progress(double value, double max, boolean done) {
        try {
            bus.setAndPublish(Endpoints.deviceProgress(md.name()),
                    new ProgressMessage(new LinkedHashMap<>(md.metadata), value, max, done), Duration.ofSeconds(3600));
        } catch (BusUnavailableException e) {
            logger.debug("{}: progress not published: {}", md.name(), e.getMessage());
        }
    }
}
