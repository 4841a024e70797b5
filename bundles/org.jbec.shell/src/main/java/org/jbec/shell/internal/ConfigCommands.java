package org.jbec.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.felix.service.command.Descriptor;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.DeviceConfigMessage;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.config.ConfigException;
import org.jbec.config.DeviceConfig;
import org.jbec.config.DeviceSessionReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The device session from the shell, through the config requests every BEC client sends
 * (bec-protocol.md §5.5): files are checked here first, so a bad one is refused with file:line before
 * anything is sent; the device server decides and answers.
 */
@Component(service = ConfigCommands.class, immediate = true, property = {
        "osgi.command.scope=jbec",
        "osgi.command.function=config_show", "osgi.command.function=config_save", "osgi.command.function=config_load",
        "osgi.command.function=config_add", "osgi.command.function=config_remove", "osgi.command.function=config_diff",
        "osgi.command.function=device_enable", "osgi.command.function=device_disable",
        "osgi.command.function=device_set", "osgi.command.function=device_info" })
public final class ConfigCommands {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final BecClient client;

    @Activate
    public ConfigCommands(@Reference Connector bus) {
        this.client = new BecClient(bus);
    }

    /** The running session as BEC's YAML: name → fields. */
    private Map<String, Object> session() {
        Map<String, Object> out = new LinkedHashMap<>();
        client.devices().forEach((name, config) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            config.forEach((k, v) -> {
                if (!"name".equals(k)) {
                    fields.put(String.valueOf(k), v);
                }
            });
            out.put(name, fields);
        });
        return out;
    }

    @Descriptor("the running device session as YAML (all devices, or the names given)")
    public String config_show(@Descriptor("device names") String... devices) throws Exception {
        Map<String, Object> session = session();
        if (devices.length > 0) {
            session.keySet().retainAll(List.of(devices));
        }
        return YAML.writeValueAsString(session);
    }

    @Descriptor("save the running device session to a YAML file")
    public String config_save(@Descriptor("file") String file) throws Exception {
        Files.writeString(Path.of(file), YAML.writeValueAsString(session()));
        return "saved " + session().size() + " devices to " + file;
    }

    @Descriptor("replace the running session with a YAML file (checked here first, with file:line errors)")
    public String config_load(@Descriptor("file") String file) throws Exception {
        return request("set", read(file));
    }

    @Descriptor("add the devices of a YAML file to the running session")
    public String config_add(@Descriptor("file") String file) throws Exception {
        return request("add", read(file));
    }

    @Descriptor("remove devices from the running session")
    public String config_remove(@Descriptor("device names") String... devices) throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        for (String d : devices) {
            config.put(d, Map.of());
        }
        return request("remove", config);
    }

    @Descriptor("what differs between the running session and a YAML file")
    public String config_diff(@Descriptor("file") String file) throws Exception {
        Map<String, Object> running = session();
        Map<String, Object> wanted = read(file);
        StringBuilder out = new StringBuilder();
        for (String name : new TreeSet<>(union(running.keySet(), wanted.keySet()))) {
            Object a = running.get(name);
            Object b = wanted.get(name);
            if (a == null) {
                out.append("+ ").append(name).append(" (only in ").append(file).append(")\n");
            } else if (b == null) {
                out.append("- ").append(name).append(" (only in the running session)\n");
            } else if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
                List<String> fields = union(ma.keySet().stream().map(String::valueOf).toList(),
                        mb.keySet().stream().map(String::valueOf).toList());
                for (String field : new TreeSet<>(fields)) {
                    if (!Objects.equals(String.valueOf(ma.get(field)), String.valueOf(mb.get(field)))) {
                        out.append("~ ").append(name).append('.').append(field).append(": ").append(ma.get(field))
                                .append(" -> ").append(mb.get(field)).append('\n');
                    }
                }
            }
        }
        return out.length() == 0 ? "no differences" : out.toString();
    }

    private static <T> List<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
        List<T> out = new ArrayList<>(a);
        b.stream().filter(x -> !out.contains(x)).forEach(out::add);
        return out;
    }

    @Descriptor("enable a device")
    public String device_enable(@Descriptor("device") String device) throws Exception {
        return request("update", Map.of(device, Map.of("enabled", true)));
    }

    @Descriptor("disable a device: scans refuse it, readings stop")
    public String device_disable(@Descriptor("device") String device) throws Exception {
        return request("update", Map.of(device, Map.of("enabled", false)));
    }

    @Descriptor("change one config field of a device (value as YAML: 5, true, [1, 2], {velocity: 5})")
    public String device_set(@Descriptor("device") String device, @Descriptor("field, e.g. readoutPriority") String field,
            @Descriptor("new value") String value) throws Exception {
        return request("update", Map.of(device, Map.of(field, YAML.readValue(value, Object.class))));
    }

    @Descriptor("a device's configuration and its last reading")
    public String device_info(@Descriptor("device") String device) throws Exception {
        Map<?, ?> config = client.devices().get(device);
        if (config == null) {
            throw new IllegalArgumentException("no device " + device + " in the session");
        }
        StringBuilder out = new StringBuilder(YAML.writeValueAsString(Map.of(device, config)));
        client.bus().get(Endpoints.deviceReadback(device)).ifPresent(m -> m.signals().forEach((s, r) ->
                out.append(String.format("  %-28s %s%n", s, r instanceof Map<?, ?> v ? v.get("value") : r))));
        return out.toString();
    }

    /** A YAML device file, checked with the device-config rules; returns name → fields. */
    private static Map<String, Object> read(String file) throws ConfigException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (DeviceConfig d : new DeviceSessionReader().read(Path.of(file), file).devices()) {
            Map<String, Object> fields = new LinkedHashMap<>(d.toWire());
            fields.remove("name");
            out.put(d.name(), fields);
        }
        return out;
    }

    /** Sends a config request and waits for the device server's answer (BEC's client polls the reply key). */
    private String request(String action, Map<String, Object> config) throws InterruptedException {
        String rid = UUID.randomUUID().toString();
        client.bus().send(Endpoints.deviceConfigRequest(), new DeviceConfigMessage(Map.of("RID", rid), action, config));
        long deadline = System.nanoTime() + Math.min(300, 30L * Math.max(1, config.size())) * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            var reply = client.bus().get(Endpoints.deviceConfigRequestResponse(rid));
            if (reply.isPresent()) {
                RequestResponseMessage r = reply.get();
                return Boolean.TRUE.equals(r.accepted()) ? action + " accepted (" + config.keySet() + ")"
                        : action + " refused: " + r.message();
            }
            Thread.sleep(20);
        }
        return action + ": no answer from the device server";
    }
}
