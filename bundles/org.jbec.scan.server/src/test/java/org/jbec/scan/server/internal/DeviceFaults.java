package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.test.support.Await;

/**
 * A scan system with one misbehaving positioner, samf (software-triggered, monitored), and what the
 * fault tests check after its failure: the scan aborted, an alarm naming samf and the hook, and the
 * queue going on with a normal scan.
 */
final class DeviceFaults {

    static final String FAULTY_DEVICE = """
            samf: {readoutPriority: monitored, deviceClass: test.FaultyPositioner, enabled: true, softwareTrigger: true,
                   deviceConfig: {delay: 0, limits: [-50, 50]}}
            """;

    final ScanSystem system;
    final FaultyPositionerFactory factory = new FaultyPositionerFactory();
    private final Map<String, DeviceInstructionResponse> finalResponses = new ConcurrentHashMap<>();

    DeviceFaults(ScanSystem system) throws Exception {
        this.system = system;
        system.devices.addFactory(factory, FaultyPositionerFactory.DEVICE_CLASS);
        system.devices.load(ScanSystem.SESSION + FAULTY_DEVICE);
        Await.until("samf up", () -> "up".equals(system.devices.states().get("samf")));
        system.bus.subscribe(Endpoints.deviceInstructionsResponse(), e -> {
            if (e.value() instanceof DeviceInstructionResponse r && !"running".equals(r.status())) {
                finalResponses.put(r.instructionId(), r);
            }
        });
    }

    /** A 3-point line_scan of samf; samf is moved, staged, pre-scanned, triggered, read, completed, unstaged. */
    String faultyScan() {
        return scanOf("samf");
    }

    /**
     * A 3-point line_scan of {@code motor}; samf takes part as a monitored, software-triggered device (a
     * scan of samx reaches samf's read hook through a read instruction, not through the read after a move).
     */
    String scanOf(String motor) {
        return system.lineScan(motor, -1, 1, 3, Map.of("exp_time", 0), "primary");
    }

    /** The scan of {@code rid} ends aborted, with a MAJOR alarm naming samf and the hook. */
    void assertAbortedNaming(String rid, String hook, Duration within) throws InterruptedException {
        String end = Await.value("end of " + rid, within, () -> system.statusesOf(rid).stream()
                .filter(s -> !"open".equals(s) && !"paused".equals(s)).findFirst());
        assertEquals("aborted", end, "the failing scan; statuses " + system.statusesOf(rid));
        List<AlarmMessage> named = system.alarms(a -> a.severity() == 2 && a.info() != null
                && "samf".equals(String.valueOf(a.info().device())) && a.info().errorMessage().contains(hook));
        assertTrue(!named.isEmpty(), "a MAJOR alarm naming samf and " + hook + "; alarms: "
                + system.alarms.stream().map(a -> a.info().device() + ": " + a.info().errorMessage()).toList());
    }

    /** A config request as the shell sends it; returns the device server's answer. */
    org.jbec.bus.api.message.RequestResponseMessage configure(String action, Map<String, Object> config)
            throws InterruptedException {
        String rid = UUID.randomUUID().toString();
        system.bus.send(Endpoints.deviceConfigRequest(), new org.jbec.bus.api.message.DeviceConfigMessage(
                new java.util.LinkedHashMap<>(Map.of("RID", rid)), action, config));
        return Await.value("answer to config " + action, Duration.ofSeconds(30),
                () -> system.bus.get(Endpoints.deviceConfigRequestResponse(rid)));
    }

    /** A device instruction sent as the scan server sends it; returns its final response. */
    DeviceInstructionResponse instruct(String device, String action, Map<String, Object> parameter, Duration within)
            throws InterruptedException {
        String id = UUID.randomUUID().toString();
        system.bus.send(Endpoints.deviceInstructions(),
                new DeviceInstructionMessage(Map.of("device_instr_id", id), device, action, parameter));
        return Await.value(action + " " + device + " answered", within,
                () -> java.util.Optional.ofNullable(finalResponses.get(id)));
    }
}
