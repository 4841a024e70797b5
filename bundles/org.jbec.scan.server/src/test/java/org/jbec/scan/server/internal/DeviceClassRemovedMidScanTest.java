package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jbec.test.support.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 (d): the class of the device a scan moves is withdrawn mid-scan (its bundle stopped or
 * updated). Back within the device server's wait (10 s), the scan goes on and keeps every point;
 * gone for good, the scan ends aborted with a MAJOR alarm naming the device, the queue goes on (scans
 * that use the device fail naming it until it is disabled), and the device is rebuilt once the class
 * returns. (DeviceServerTest and DeviceHotSwapIT cover a class
 * leaving and returning between scans.)
 */
class DeviceClassRemovedMidScanTest extends WithScanSystem {

    private static final int POINTS = 40;
    private DeviceFaults faults;

    @BeforeEach
    void addDevice() throws Exception {
        faults = new DeviceFaults(system);
    }

    private String slowScanOfSamf() throws InterruptedException {
        String rid = system.submit("line_scan", Map.of("samf", List.of(-5.0, 5.0)),
                Map.of("steps", POINTS, "relative", false, "exp_time", 0.05), "primary");
        system.awaitPoints(rid, 5);
        return rid;
    }

    @Test
    void aClassBackWithinTheWaitLetsTheScanFinishWithEveryPoint() throws Exception {
        String rid = slowScanOfSamf();
        system.devices.removeFactory(faults.factory, FaultyPositionerFactory.DEVICE_CLASS);
        assertTrue(system.devices.states().get("samf").startsWith("down"), system.devices.states().get("samf"));
        system.devices.addFactory(faults.factory, FaultyPositionerFactory.DEVICE_CLASS);
        String scanId = Await.value("scan closed; statuses " + system.statusesOf(rid), Duration.ofSeconds(60),
                () -> java.util.Optional.ofNullable(system.statusOf(rid, "closed"))).scanId();
        Await.until(POINTS + " points", () -> system.segmentsOf(scanId).size() >= POINTS);
        assertEquals(POINTS, system.segmentsOf(scanId).size());
        assertTrue(system.alarms(a -> a.severity() == 2).isEmpty(), "no failure: " + system.alarms);
        SystemHealth.assertAlive(system, "primary");
    }

    @Test
    void aClassGoneForGoodAbortsTheScanNamingTheDeviceAndTheQueueGoesOn() throws Exception {
        String rid = slowScanOfSamf();
        String next = system.lineScan("samy", -1, 1, 3, Map.of("exp_time", 0), "primary");
        system.devices.removeFactory(faults.factory, FaultyPositionerFactory.DEVICE_CLASS);
        String end = Await.value("end of the scan", Duration.ofSeconds(60), () -> system.statusesOf(rid).stream()
                .filter(s -> !"open".equals(s) && !"paused".equals(s)).findFirst());
        assertEquals("aborted", end);
        assertTrue(!system.alarms(a -> a.severity() == 2 && "samf".equals(String.valueOf(a.info().device()))
                && a.info().errorMessage().contains("not available")).isEmpty(), "alarm naming samf: " + system.alarms);
        // the next item runs too; samf, software-triggered and still enabled, is part of it and is down
        if ("PAUSED".equals(system.queue("primary").status())) {
            system.modify("continue", "primary", Map.of()); // BEC pauses a queue whose scan failed while items wait
        }
        Await.until("the next item ended; statuses " + system.statusesOf(next), Duration.ofSeconds(30),
                () -> system.statusesOf(next).stream().anyMatch(s -> List.of("closed", "aborted").contains(s)));
        // the operator disables the missing device: scans run whole again
        assertTrue(faults.configure("update", Map.of("samf", Map.of("enabled", false))).accepted());
        SystemHealth.assertAlive(system, "primary");
        assertTrue(faults.configure("update", Map.of("samf", Map.of("enabled", true))).accepted());
        system.devices.addFactory(faults.factory, FaultyPositionerFactory.DEVICE_CLASS);
        Await.until("samf rebuilt", () -> "up".equals(system.devices.states().get("samf")));
        String again = faults.faultyScan();
        String againId = system.awaitStatus(again, "closed").scanId();
        Await.until("3 points", () -> system.segmentsOf(againId).size() == 3);
        SystemHealth.assertAlive(system, "primary");
    }
}
