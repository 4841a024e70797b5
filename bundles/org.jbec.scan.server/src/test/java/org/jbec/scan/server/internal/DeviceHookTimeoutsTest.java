package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 (c): a device whose code does not return from a hook. The device server gives up after
 * its guarded-call limit (10 s), the scan ends aborted with a MAJOR alarm naming device and hook,
 * and the queue goes on. One hook runs in the normal build; every hook (10-20 s each) is tagged
 * {@code long}: {@code mvn -o -q install -pl bundles/org.jbec.scan.server -Djbec.excluded.groups=none
 * -Dgroups=long -Dtest='DeviceHookTimeoutsTest' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DeviceHookTimeoutsTest extends WithScanSystem {

    /** The call limit, a retry for reads (onFailure retry), and the scan's own steps. */
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private DeviceFaults faults;

    @BeforeEach
    void addFaultyDevice() throws Exception {
        faults = new DeviceFaults(system);
    }

    @Test
    void aTriggerThatNeverReturnsAbortsTheScanNamingDeviceAndHook() throws Exception {
        hangs("trigger", "samf");
    }

    @Tag("long")
    @ParameterizedTest
    @ValueSource(strings = {"set", "stage", "pre_scan", "complete", "unstage"})
    void aHookOfTheScanMotorThatNeverReturnsAbortsTheScan(String hook) throws Exception {
        hangs(hook, "samf");
    }

    @Tag("long")
    @Test
    void aReadThatNeverReturnsAbortsTheScan() throws Exception {
        hangs("read", "samx");
    }

    @Tag("long")
    @Test
    void aKickoffThatNeverReturnsIsAnsweredWithAnError() throws Exception {
        faults.factory.failOn("kickoff", FaultyPositionerFactory.Fault.HANG);
        DeviceInstructionResponse r = faults.instruct("samf", "kickoff", Map.of(), WITHIN);
        assertEquals("error", r.status());
        String message = r.errorInfo().errorMessage();
        assertTrue(message.contains("samf") && message.contains("kickoff") && message.contains("did not return"), message);
        faults.factory.heal();
        SystemHealth.assertAlive(system, "primary");
    }

    private void hangs(String hook, String motor) throws Exception {
        faults.factory.failOn(hook, FaultyPositionerFactory.Fault.HANG);
        String failing = faults.scanOf(motor);
        String next = system.lineScan("samy", -1, 1, 3, Map.of("exp_time", 0), "primary");
        faults.assertAbortedNaming(failing, hook, WITHIN);
        faults.factory.heal();
        if ("PAUSED".equals(system.queue("primary").status())) {
            system.modify("continue", "primary", Map.of()); // BEC pauses a queue whose scan failed while items wait
        }
        String scanId = org.jbec.test.support.Await.value("the next item closed", WITHIN,
                () -> java.util.Optional.ofNullable(system.statusOf(next, "closed"))).scanId();
        org.jbec.test.support.Await.until("3 points of the next item", () -> system.segmentsOf(scanId).size() == 3);
        SystemHealth.assertAlive(system, "primary");
        assertEquals("up", system.devices.states().get("samf"));
    }
}
