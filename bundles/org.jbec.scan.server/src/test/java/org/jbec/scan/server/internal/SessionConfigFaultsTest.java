package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 (e): broken device sessions sent to a running device server. Each is refused naming the
 * file line or the device and field, and the session in force stays whole: same devices, same
 * config, nothing in the config history, scans run. (DeviceSessionReaderTest covers the reader's
 * messages; DeviceServerTest single bad updates and a deviceConfig its class rejects at load.)
 */
class SessionConfigFaultsTest extends WithScanSystem {

    private DeviceFaults faults;

    @BeforeEach
    void session() throws Exception {
        faults = new DeviceFaults(system);
    }

    private Object sessionNow() {
        return system.bus.get(Endpoints.deviceConfig()).orElseThrow().resource();
    }

    private static Map<String, Object> device(String deviceClass, String priority, Map<String, Object> deviceConfig) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("enabled", true);
        d.put("deviceClass", deviceClass);
        d.put("readoutPriority", priority);
        d.put("deviceConfig", deviceConfig);
        return d;
    }

    private void assertSessionKept(Object before, long historyBefore) throws InterruptedException {
        assertEquals(before, sessionNow(), "the session in force is unchanged");
        assertEquals(historyBefore, system.bus.llen(Endpoints.deviceConfigHistory()), "no session was replaced");
        assertTrue(system.devices.states().values().stream().allMatch("up"::equals), system.devices.states().toString());
        SystemHealth.assertAlive(system, "primary");
    }

    @Test
    void aBrokenSessionFileIsRefusedWithItsLineAndTheSessionStays() throws Exception {
        Object before = sessionNow();
        ConfigException e = assertThrows(ConfigException.class, () -> system.devices.load("""
                samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true}
                samy: {readoutPriority: [baseline, deviceClass: ophyd_devices.SimPositioner
                """));
        assertTrue(e.getMessage().contains("session.yaml:"), e.getMessage());
        assertSessionKept(before, 0);
    }

    @Test
    void aSetWithBadFieldsIsRefusedNamingThemAndTheSessionStays() throws Exception {
        Object before = sessionNow();
        long history = system.bus.llen(Endpoints.deviceConfigHistory());
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("samx", device("ophyd_devices.SimPositioner", "often", Map.of()));
        next.put("samy", device("ophyd_devices.NoSuchClass", "baseline", Map.of()));
        next.put("samz", Map.of("enabled", "yes", "readoutPriority", "baseline"));
        RequestResponseMessage answer = faults.configure("set", next);
        assertFalse(answer.accepted());
        String message = String.valueOf(answer.message());
        for (String named : List.of("samx.readoutPriority", "samz.deviceClass", "samz.enabled")) {
            assertTrue(message.contains(named), named + " not in: " + message);
        }
        assertSessionKept(before, history);
    }

    @Test
    void aSetWhoseDeviceConfigAClassRejectsIsRefusedAndTheSessionStays() throws Exception {
        Object before = sessionNow();
        long history = system.bus.llen(Endpoints.deviceConfigHistory());
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("samx", device("ophyd_devices.SimPositioner", "baseline", Map.of("limits", "wide", "delay", -1)));
        RequestResponseMessage answer = faults.configure("set", next);
        assertFalse(answer.accepted());
        assertTrue(String.valueOf(answer.message()).contains("samx"), String.valueOf(answer.message()));
        assertTrue(String.valueOf(answer.message()).contains("limits"), String.valueOf(answer.message()));
        assertSessionKept(before, history);
    }

    @Test
    void anUpdateWithOneBadDeviceChangesNoDevice() throws Exception {
        Object before = sessionNow();
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("samx", Map.of("deviceConfig", Map.of("limits", List.of(-5, 5))));
        update.put("samy", Map.of("readoutPriority", "often"));
        RequestResponseMessage answer = faults.configure("update", update);
        assertFalse(answer.accepted());
        assertTrue(String.valueOf(answer.message()).contains("samy.readoutPriority"), String.valueOf(answer.message()));
        assertSessionKept(before, system.bus.llen(Endpoints.deviceConfigHistory()));
    }

    @Test
    void anAddWithABadDeviceAddsNone() throws Exception {
        Object before = sessionNow();
        Map<String, Object> add = new LinkedHashMap<>();
        add.put("samq", device("ophyd_devices.SimPositioner", "baseline", Map.of("delay", 0)));
        add.put("samr", device("ophyd_devices.SimPositioner", "baseline", Map.of("limits", List.of("a", "b"))));
        RequestResponseMessage answer = faults.configure("add", add);
        assertFalse(answer.accepted());
        assertTrue(String.valueOf(answer.message()).contains("samr"), String.valueOf(answer.message()));
        assertSessionKept(before, system.bus.llen(Endpoints.deviceConfigHistory()));
    }
}
