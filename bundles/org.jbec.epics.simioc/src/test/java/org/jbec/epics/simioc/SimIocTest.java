package org.jbec.epics.simioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DBR_CTRL_Double;
import gov.aps.jca.dbr.DBR_CTRL_Short;
import gov.aps.jca.dbr.DBR_TIME_Double;
import gov.aps.jca.dbr.DBR_TIME_String;
import gov.aps.jca.dbr.DOUBLE;
import gov.aps.jca.dbr.Severity;
import gov.aps.jca.dbr.Status;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sim IOC in this JVM, driven by a JCA client over loopback on a free port. */
class SimIocTest {
    // one motor per test, so tests do not depend on each other's positions
    static final String CONFIG = """
            update_hz: 50
            motors:
              - {prefix: "TST:MOVE", velocity: 10, low_limit: -50, high_limit: 50, egu: mm, precision: 3}
              - {prefix: "TST:LIM", velocity: 10, low_limit: -5, high_limit: 5, egu: deg, precision: 4}
              - {prefix: "TST:STOP", velocity: 10, low_limit: -50, high_limit: 50}
              - {prefix: "TST:RETG", velocity: 10, low_limit: -50, high_limit: 50}
              - {prefix: "TST:SCAN", velocity: 20, low_limit: -50, high_limit: 50}
            analog_in:
              - {name: "TST:DET", follows: "TST:SCAN", center: 3.0, sigma: 0.5, amplitude: 100.0}
              - {name: "TST:CUR", value: 400.0, noise: 0.5, egu: mA}
            analog_out:
              - {name: "TST:AO", value: 0.5, egu: V}
            waveforms:
              - {name: "TST:WF", length: 1000}
            """;

    static SimIoc ioc;
    static CaClient ca;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ioc = SimIoc.start(ConfigParser.parse("test.yaml", CONFIG).withPort(port));
        ca = new CaClient(port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (ca != null) ca.close();
        if (ioc != null) ioc.close();
    }

    @Test
    void analogOutGetPutWithUnitsAndNoAlarm() throws Exception {
        assertEquals(0.5, ca.getDouble("TST:AO"));
        BlockingQueue<double[]> events = ca.monitor("TST:AO", 1);
        assertEquals(0.5, events.poll(5, TimeUnit.SECONDS)[0]);
        ca.put("TST:AO", 1.25);
        assertEquals(1.25, ca.getDouble("TST:AO"));
        assertEquals(1.25, events.poll(5, TimeUnit.SECONDS)[0]);
        DBR_CTRL_Double ctrl = (DBR_CTRL_Double) ca.get("TST:AO", DBRType.CTRL_DOUBLE, 1);
        assertEquals("V", ctrl.getUnits());
        assertEquals(Severity.NO_ALARM, ctrl.getSeverity());
        assertEquals(Status.NO_ALARM, ctrl.getStatus());
    }

    @Test
    void motorServesTheRecordFields() throws Exception {
        List<String> names = new ArrayList<>();
        for (String f : SimMotor.FIELDS) names.add("TST:LIM" + f);
        assertTrue(ioc.pvNames().containsAll(names), ioc.pvNames().toString());
        for (String n : names) ca.channel(n);
        assertEquals("deg", ca.getString("TST:LIM.EGU"));
        assertEquals(4, ca.getShort("TST:LIM.PREC"));
        assertEquals(5.0, ca.getDouble("TST:LIM.HLM"));
        assertEquals(-5.0, ca.getDouble("TST:LIM.LLM"));
        assertEquals(10.0, ca.getDouble("TST:LIM.VELO"));
        assertEquals(1, ca.getShort("TST:LIM.DMOV"));
        assertEquals(0, ca.getShort("TST:LIM.MOVN"));
        assertThrows(CAException.class, () -> ca.putCallback("TST:LIM.RBV", 1.0), "RBV is read-only");
        // the display forms clients ask for: alarm NO_ALARM, units, limits, a current timestamp
        DBR_CTRL_Short dmov = (DBR_CTRL_Short) ca.get("TST:LIM.DMOV", DBRType.CTRL_SHORT, 1);
        assertEquals(Severity.NO_ALARM, dmov.getSeverity());
        DBR_CTRL_Double val = (DBR_CTRL_Double) ca.get("TST:LIM.VAL", DBRType.CTRL_DOUBLE, 1);
        assertEquals(5.0, val.getUpperCtrlLimit().doubleValue(), "VAL shows HLM as its control limit");
        assertEquals(4, val.getPrecision());
        assertEquals("deg", val.getUnits());
        DBR_TIME_String egu = (DBR_TIME_String) ca.get("TST:LIM.EGU", DBRType.TIME_STRING, 1);
        assertEquals(Status.NO_ALARM, egu.getStatus());
        DBR_TIME_Double rbv = (DBR_TIME_Double) ca.get("TST:LIM.RBV", DBRType.TIME_DOUBLE, 1);
        double age = System.currentTimeMillis() / 1000.0 - (rbv.getTimeStamp().secPastEpoch() + 631152000L);
        assertTrue(age >= -1 && age < 3600, "timestamp age " + age + " s");
    }

    @Test
    void moveCompletesItsPutCallbackOnArrival() throws Exception {
        BlockingQueue<double[]> rbv = ca.monitor("TST:MOVE.RBV", 1);
        BlockingQueue<double[]> dmov = ca.monitor("TST:MOVE.DMOV", 1);
        assertEquals(0.0, rbv.poll(5, TimeUnit.SECONDS)[0]);
        assertEquals(1.0, dmov.poll(5, TimeUnit.SECONDS)[0]);

        long t0 = System.nanoTime();
        CompletableFuture<CAStatus> move = ca.putCallback("TST:MOVE.VAL", 5.0); // 0.5 s at 10 mm/s
        Thread.sleep(150);
        assertFalse(move.isDone(), "put-callback completed before the motor arrived");
        assertEquals(0, ca.getShort("TST:MOVE.DMOV"));
        assertEquals(1, ca.getShort("TST:MOVE.MOVN"));
        assertEquals(5.0, ca.getDouble("TST:MOVE"), "the record name is the setpoint too");

        assertEquals(CAStatus.NORMAL, move.get(5, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds > 0.4, "arrived after " + seconds + " s, expected about 0.5 s");
        assertEquals(1, ca.getShort("TST:MOVE.DMOV"));
        assertEquals(0, ca.getShort("TST:MOVE.MOVN"));
        assertEquals(5.0, ca.getDouble("TST:MOVE.RBV"), "RBV must equal the target exactly");

        List<Double> seen = drain(rbv);
        long intermediate = seen.stream().filter(v -> v > 0 && v < 5).count();
        assertTrue(intermediate >= 10, "RBV monitor saw " + seen);
        assertEquals(5.0, seen.get(seen.size() - 1));
        assertEquals(List.of(0.0, 1.0), drain(dmov), "DMOV monitor: 1 -> 0 -> 1");
    }

    @Test
    void targetOutsideTheLimitsDoesNotMove() throws Exception {
        CompletableFuture<CAStatus> move = ca.putCallback("TST:LIM.VAL", 7.0);
        assertEquals(CAStatus.NORMAL, move.get(1, TimeUnit.SECONDS), "completes at once");
        assertEquals(1, ca.getShort("TST:LIM.LVIO"));
        assertEquals(0.0, ca.getDouble("TST:LIM.VAL"), "VAL keeps the last valid target");
        Thread.sleep(100);
        assertEquals(0.0, ca.getDouble("TST:LIM.RBV"));
        assertEquals(1, ca.getShort("TST:LIM.DMOV"));

        ca.put("TST:LIM.VAL", 0.5); // a valid target clears LVIO
        assertEquals(0, ca.getShort("TST:LIM.LVIO"));
        assertEquals(0.5, ca.getDouble("TST:LIM.RBV"));
    }

    @Test
    void stopEndsTheMotionWhereTheMotorIs() throws Exception {
        CompletableFuture<CAStatus> move = ca.putCallback("TST:STOP.VAL", 40.0); // 4 s
        Thread.sleep(300);
        ca.put("TST:STOP.STOP", 1);
        assertEquals(CAStatus.NORMAL, move.get(1, TimeUnit.SECONDS), "STOP completes the move's put-callback");
        assertEquals(1, ca.getShort("TST:STOP.DMOV"));
        assertEquals(0, ca.getShort("TST:STOP.MOVN"));
        double stoppedAt = ca.getDouble("TST:STOP.RBV");
        assertTrue(stoppedAt > 0 && stoppedAt < 40, "stopped at " + stoppedAt);
        assertEquals(stoppedAt, ca.getDouble("TST:STOP.VAL"), "VAL follows to where it stopped");
        Thread.sleep(200);
        assertEquals(stoppedAt, ca.getDouble("TST:STOP.RBV"), "no motion after STOP");
        assertEquals(0, ca.getShort("TST:STOP.STOP"), "STOP resets to 0");
    }

    @Test
    void newTargetDuringMotionCompletesTheOldCallback() throws Exception {
        CompletableFuture<CAStatus> first = ca.putCallback("TST:RETG.VAL", 40.0);
        Thread.sleep(200);
        CompletableFuture<CAStatus> second = ca.putCallback("TST:RETG.VAL", 1.0);
        assertEquals(CAStatus.NORMAL, first.get(1, TimeUnit.SECONDS));
        assertEquals(CAStatus.NORMAL, second.get(5, TimeUnit.SECONDS));
        assertEquals(1.0, ca.getDouble("TST:RETG.RBV"));
        assertEquals(1, ca.getShort("TST:RETG.DMOV"));
    }

    @Test
    void detectorFollowsTheMotor() throws Exception {
        double far = ca.getDouble("TST:DET");
        assertTrue(far < 1e-3, "far from the peak: " + far); // 100 exp(-18)
        ca.put("TST:SCAN.VAL", 3.0);
        assertEquals(100.0, awaitDouble("TST:DET", 100.0), 1e-9);
        ca.put("TST:SCAN.VAL", 3.5); // one sigma off
        assertEquals(100.0 * Math.exp(-0.5), awaitDouble("TST:DET", 100.0 * Math.exp(-0.5)), 1e-9);
        double current = ca.getDouble("TST:CUR");
        assertTrue(Math.abs(current - 400) < 5, "beam current " + current);
    }

    @Test
    void waveformHasItsLengthAndChanges() throws Exception {
        assertEquals(1000, ca.channel("TST:WF").getElementCount());
        double[] values = ((DOUBLE) ca.get("TST:WF", DBRType.DOUBLE, 1000)).getDoubleValue();
        assertEquals(1000, values.length);
        assertTrue(java.util.Arrays.stream(values).allMatch(v -> v >= -1 && v <= 1));
        assertTrue(java.util.Arrays.stream(values).anyMatch(v -> Math.abs(v) > 0.9));
        BlockingQueue<double[]> events = ca.monitor("TST:WF", 1000);
        double[] a = events.poll(5, TimeUnit.SECONDS);
        double[] b = events.poll(5, TimeUnit.SECONDS);
        assertEquals(1000, a.length);
        assertEquals(1000, b.length);
        assertFalse(java.util.Arrays.equals(a, b), "the phase advances at 10 Hz");
    }

    /** The value once it settles near {@code expected} (analog inputs follow one tick after the motor). */
    private static double awaitDouble(String name, double expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        double v = ca.getDouble(name);
        while (Math.abs(v - expected) > 1e-9 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            v = ca.getDouble(name);
        }
        return v;
    }

    private static List<Double> drain(BlockingQueue<double[]> events) throws InterruptedException {
        Thread.sleep(100); // let the last events arrive
        List<Double> out = new ArrayList<>();
        for (double[] e; (e = events.poll()) != null; ) out.add(e[0]);
        return out;
    }
}
