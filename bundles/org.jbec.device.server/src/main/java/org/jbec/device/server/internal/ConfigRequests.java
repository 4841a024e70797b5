package org.jbec.device.server.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.DeviceConfigMessage;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.config.ConfigException;
import org.jbec.config.DeviceConfig;
import org.jbec.config.DeviceSession;
import org.jbec.config.DeviceSessionReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration requests on the bus (bec-behaviour.md §1.6): add, remove, update, set, reload,
 * reset, cancel. Every request is validated before anything changes; a rejected one leaves the
 * running session as it was. Replies go to {@code info/devices/config_request_response/<RID>}
 * (EX 60), accepted changes are broadcast on {@code info/devices/config_update}, replaced sessions
 * kept in {@code info/devices/config_history} (the last 50).
 */
final class ConfigRequests {

    static final Set<String> UPDATABLE = Set.of("description", "deviceConfig", "deviceTags", "enabled", "onFailure",
            "readOnly", "readoutPriority", "softwareTrigger", "userParameter");

    private final Logger logger = LoggerFactory.getLogger(ConfigRequests.class);
    private final Connector bus;
    private final SessionDevices session;
    private final DeviceSessionReader reader = new DeviceSessionReader();

    ConfigRequests(Connector bus, SessionDevices session) {
        this.bus = bus;
        this.session = session;
    }

    void handle(DeviceConfigMessage request) {
        String rid = String.valueOf(request.metadata().getOrDefault("RID", ""));
        String source = "config request " + request.action();
        Map<String, Object> config = request.config() == null ? Map.of() : request.config();
        try {
            String broadcast = request.action();
            switch (request.action() == null ? "" : request.action()) {
                case "add" -> session.add(reader.fromMaps(config, source));
                case "remove" -> session.remove(config.keySet(), source);
                case "update" -> update(config, source);
                case "set" -> {
                    DeviceSession next = reader.fromMaps(config, source);
                    session.checkClasses(next); // a refused session must not appear replaced in the history
                    keepHistory();
                    session.load(next);
                    broadcast = "reload";
                }
                case "reset" -> {
                    keepHistory();
                    session.load(new DeviceSession(source, List.of(), List.of()));
                    broadcast = "reload";
                }
                case "reload", "cancel" -> {
                    // reload: clients rebuild from info/devices/config; cancel: nothing runs long here
                }
                default -> throw SessionDevices.problem(source, "", "unknown action '" + request.action() + "'");
            }
            reply(rid, true, null);
            acknowledge(rid);
            bus.send(Endpoints.deviceConfigUpdate(), new DeviceConfigMessage(new LinkedHashMap<>(request.metadata()),
                    broadcast, "reload".equals(broadcast) ? null : new LinkedHashMap<>(config)));
        } catch (ConfigException e) {
            logger.warn("{} rejected:\n{}", source, e.getMessage());
            reply(rid, false, e.getMessage());
        } catch (RuntimeException e) {
            logger.error("{} failed", source, e);
            reply(rid, false, source + " failed: " + e);
        }
    }

    /**
     * Only BEC's updatable fields; deviceConfig is merged into the existing map. All or nothing: every
     * device's update is checked before any is applied, and undone if a later one fails.
     */
    private void update(Map<String, Object> config, String source) throws ConfigException {
        Map<String, DeviceConfig> current = new LinkedHashMap<>();
        session.sessionDevices().forEach(d -> current.put(d.name(), d));
        List<DeviceConfig> updates = new java.util.ArrayList<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            DeviceConfig old = current.get(e.getKey());
            if (old == null) {
                throw SessionDevices.problem(source, e.getKey(), "no device of this name is in the session");
            }
            if (!(e.getValue() instanceof Map<?, ?> fields)) {
                throw SessionDevices.problem(source, e.getKey(), "an update is a map of fields");
            }
            Map<String, Object> merged = old.toWire();
            merged.remove("name");
            for (Map.Entry<?, ?> f : fields.entrySet()) {
                String field = String.valueOf(f.getKey());
                if (!UPDATABLE.contains(field)) {
                    throw SessionDevices.problem(source, e.getKey() + "." + field, "Cannot update key " + field);
                }
                if (field.equals("deviceConfig") && f.getValue() instanceof Map<?, ?> dc) {
                    Map<String, Object> deviceConfig = new LinkedHashMap<>(old.deviceConfig() == null ? Map.of()
                            : old.deviceConfig());
                    dc.forEach((k, v) -> deviceConfig.put(String.valueOf(k), v));
                    merged.put(field, deviceConfig);
                } else {
                    merged.put(field, f.getValue());
                }
            }
            DeviceConfig updated = reader.fromMaps(Map.of(e.getKey(), merged), source).devices().get(0);
            session.check(updated, source);
            updates.add(updated);
        }
        List<DeviceConfig> applied = new java.util.ArrayList<>();
        try {
            for (DeviceConfig updated : updates) {
                session.replace(updated, source);
                applied.add(updated);
            }
        } catch (ConfigException | RuntimeException failed) {
            for (DeviceConfig done : applied) {
                try {
                    session.replace(current.get(done.name()), source + " (undone)");
                } catch (ConfigException | RuntimeException e) {
                    logger.error("{}: {} could not be put back: {}", source, done.name(), e.toString());
                }
            }
            throw failed;
        }
    }

    /** BEC's acknowledgement of a services that applied a config change (user/services/response/<RID>). */
    private void acknowledge(String rid) {
        if (rid.isEmpty()) {
            return;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("accepted", true);
        response.put("service", "DeviceServer");
        bus.rpush(Endpoints.serviceResponse(rid), new org.jbec.bus.api.message.ServiceResponseMessage(null, response),
                Limits.NONE.withExpire(Duration.ofSeconds(100)));
    }

    private void keepHistory() {
        List<Map<String, Object>> wire = session.sessionDevices().stream().map(DeviceConfig::toWire).toList();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("removed_at", System.currentTimeMillis() / 1000.0);
        bus.lpush(Endpoints.deviceConfigHistory(), new AvailableResourceMessage(metadata, wire), Limits.maxLength(50));
    }

    private void reply(String rid, boolean accepted, String message) {
        if (rid.isEmpty()) {
            return;
        }
        bus.set(Endpoints.deviceConfigRequestResponse(rid), new RequestResponseMessage(null, accepted, message),
                Duration.ofSeconds(60));
    }
}
