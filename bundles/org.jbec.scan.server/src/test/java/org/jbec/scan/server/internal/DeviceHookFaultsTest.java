package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 (c): a device whose code throws in one scan life-cycle hook. The scan ends aborted with a
 * MAJOR alarm naming the device and the hook, the next item in the queue runs whole, the device
 * stays up. (DeviceServerTest covers failing reads of an instruction and onFailure.)
 */
class DeviceHookFaultsTest extends WithScanSystem {

    private DeviceFaults faults;

    @BeforeEach
    void addFaultyDevice() throws Exception {
        faults = new DeviceFaults(system);
    }

    @ParameterizedTest
    @ValueSource(strings = {"set", "stage", "pre_scan", "trigger", "read", "complete", "unstage"})
    void aHookThatThrowsAbortsTheScanNamingDeviceAndHookAndTheQueueGoesOn(String hook) throws Exception {
        faults.factory.failOn(hook, FaultyPositionerFactory.Fault.THROW);
        String failing = faults.faultyScan();
        faults.assertAbortedNaming(failing, hook, Duration.ofSeconds(30));
        faults.factory.heal();
        SystemHealth.assertAlive(system, "primary");
        assertEquals("up", system.devices.states().get("samf"));
        assertHealed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stage", "pre_scan", "trigger", "read", "complete", "unstage"})
    void aHookOfAMonitoredDeviceThatThrowsAbortsTheScanOfAnotherMotor(String hook) throws Exception {
        faults.factory.failOn(hook, FaultyPositionerFactory.Fault.THROW);
        String failing = faults.scanOf("samx");
        faults.assertAbortedNaming(failing, hook, Duration.ofSeconds(30));
        faults.factory.heal();
        SystemHealth.assertAlive(system, "primary");
        assertHealed();
    }

    /** Once the device behaves again, a scan of it runs whole. */
    private void assertHealed() throws InterruptedException {
        String again = faults.faultyScan();
        String scanId = system.awaitStatus(again, "closed").scanId();
        org.jbec.test.support.Await.until("3 points", () -> system.segmentsOf(scanId).size() == 3);
    }

    @Test
    void aKickoffThatThrowsIsAnsweredWithAnErrorNamingDeviceAndHook() throws Exception {
        faults.factory.failOn("kickoff", FaultyPositionerFactory.Fault.THROW);
        DeviceInstructionResponse r = faults.instruct("samf", "kickoff", Map.of(), Duration.ofSeconds(10));
        assertEquals("error", r.status());
        String message = r.errorInfo().errorMessage();
        assertTrue(message.contains("samf") && message.contains("kickoff"), message);
        faults.factory.heal();
        assertEquals("completed", faults.instruct("samf", "kickoff", Map.of(), Duration.ofSeconds(10)).status());
    }

    @Test
    void aMoveToANonFiniteTargetIsRefusedByTheDeviceServer() throws Exception {
        for (double target : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            DeviceInstructionResponse r = faults.instruct("samz", "set", Map.of("value", target), Duration.ofSeconds(10));
            assertEquals("error", r.status(), "samz set " + target);
            assertTrue(r.errorInfo().errorMessage().contains("samz"), r.errorInfo().errorMessage());
        }
        assertTrue(Double.isFinite(system.position("samz")), "samz did not take a non-finite position");
    }
}
