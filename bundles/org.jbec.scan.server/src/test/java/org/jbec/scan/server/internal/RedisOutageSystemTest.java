package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away during a scan and comes back with its data (as the beamline's persistent Redis
 * does after a restart): the services stall, the scan goes on (or is aborted, by config), every point
 * reaches the bus exactly once, and an alarm says what happened.
 */
class RedisOutageSystemTest {

    private static final Duration LONG = Duration.ofSeconds(60);
    private PrivateRedis redis;
    private ScanSystem system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    /** Runs a 60-point scan and restarts Redis once 10 points are in; returns the scan's open status. */
    private ScanStatusMessage scanThroughAnOutage(Map<String, Object> settings, String rid[]) throws Exception {
        redis = PrivateRedis.startPersistent();
        system = new ScanSystem(redis, ScanSystem.SESSION, settings);
        rid[0] = system.lineScan("samx", -30, 29, 60, Map.of("exp_time", 0.03, "relative", false), "primary");
        ScanStatusMessage open = system.awaitStatus(rid[0], "open");
        Await.until("10 points", LONG, () -> system.segmentsOf(open.scanId()).size() >= 10);
        redis.restartKeepingData(() -> {
            try {
                Await.until("the services notice the outage", LONG, () -> system.bus.state() != ConnectionState.CONNECTED);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return open;
    }

    private List<AlarmMessage> outageAlarms() {
        return system.alarms.stream().filter(a -> a.info() != null && "RedisOutage".equals(a.info().exceptionType())).toList();
    }

    @Test
    void aScanWaitsThroughARedisRestartAndEveryPointArrivesOnce() throws Exception {
        String[] rid = new String[1];
        ScanStatusMessage open = scanThroughAnOutage(Map.of(), rid);
        Await.until("the scan closed", LONG, () -> system.statusOf(rid[0], "closed") != null);
        Await.until("60 points", LONG, () -> system.segmentsOf(open.scanId()).size() >= 60);
        List<ScanMessage> points = system.segmentsOf(open.scanId());
        assertEquals(60, points.size(), "no point twice");
        assertEquals(60, points.stream().map(ScanMessage::pointId).distinct().count(), "no point missing");
        assertEquals(29.0, system.position("samx"), 1e-9);
        Await.until("the operator is told", LONG, () -> !outageAlarms().isEmpty());
        assertTrue(outageAlarms().get(0).info().errorMessage().contains("the scan waited and went on"),
                outageAlarms().get(0).toString());
        assertEquals(List.of("open", "closed"), system.statusesOf(rid[0]));
    }

    @Test
    void withAbortConfiguredTheScanIsAbortedWithAnAlarmOnceRedisIsBack() throws Exception {
        String[] rid = new String[1];
        scanThroughAnOutage(Map.of("scan_server.on_redis_outage", "abort"), rid);
        Await.until("the scan aborted", LONG, () -> system.statusOf(rid[0], "aborted") != null);
        Await.until("the alarm", LONG, () -> !outageAlarms().isEmpty());
        assertTrue(outageAlarms().get(0).info().errorMessage().contains("aborted"), outageAlarms().get(0).toString());
        // the queue goes on: the next scan runs
        String next = system.lineScan("samx", 0, 1, 2, Map.of("relative", false), "primary");
        Await.until("the next scan closed", LONG, () -> system.statusOf(next, "closed") != null);
    }
}
