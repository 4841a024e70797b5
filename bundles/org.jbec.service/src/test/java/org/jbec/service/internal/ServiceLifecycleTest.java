package org.jbec.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AlarmMessage;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.LogMessage;
import org.jbec.bus.api.message.NotificationMessage;
import org.jbec.bus.api.message.ServiceInfo;
import org.jbec.bus.api.message.ServiceMetricMessage;
import org.jbec.bus.api.message.StatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.service.AlarmSeverity;
import org.jbec.service.ServiceConflictException;
import org.jbec.service.ServiceHandle;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import ch.qos.logback.classic.LoggerContext;
import redis.clients.jedis.Jedis;

/** Heartbeats, the unique-service guard, alarms and the log stream against a real Redis. */
@ExtendWith(RedisServerExtension.class)
class ServiceLifecycleTest {

    private JedisConnector connector;
    private Jedis raw;

    @BeforeEach
    void connect(PrivateRedis redis) throws InterruptedException {
        connector = BusFixture.connector(redis.port());
        raw = new Jedis("127.0.0.1", redis.port());
        raw.flushAll();
    }

    @AfterEach
    void close() {
        connector.close();
        raw.close();
    }

    @Test
    void theFrameworkAnnouncesItselfWithStatusAndMetrics() throws Exception {
        LinkedBlockingQueue<BusEvent> announced = new LinkedBlockingQueue<>();
        Subscription watch = connector.subscribe(Endpoints.serviceStatus("JbecFramework/*"), announced::add);
        ServiceLifecycle lifecycle = new ServiceLifecycle(connector, "0.1.0", Duration.ofSeconds(1));
        try {
            String name = lifecycle.frameworkServiceName();
            assertTrue(name.matches("JbecFramework/[0-9a-f-]{36}"), name);
            assertEquals("user/services/status/" + name, BusFixture.next(announced).topic());
            watch.close();
            StatusMessage status = connector.get(Endpoints.serviceStatus(name)).orElseThrow();
            assertEquals(BecStatus.RUNNING, status.status());
            assertEquals("jBEC 0.1.0", ((ServiceInfo) status.info()).versions().becServer());
            long ttl = raw.ttl("user/services/status/" + name);
            assertTrue(ttl > 0 && ttl <= 6, "EX 6: " + ttl);
            LinkedBlockingQueue<BusEvent> metrics = new LinkedBlockingQueue<>();
            try (Subscription s = connector.subscribe(Endpoints.serviceMetrics(name), metrics::add)) {
                ServiceMetricMessage m = BusFixture.next(metrics).as(ServiceMetricMessage.class);
                assertEquals(ProcessHandle.current().pid(), m.metrics().get("pid"));
                assertTrue((Long) m.metrics().get("num_threads") > 0);
            }
            long metricsTtl = raw.ttl("user/services/metrics/" + name);
            assertTrue(metricsTtl > 20 && metricsTtl <= 30, "EX 30: " + metricsTtl);
        } finally {
            lifecycle.stop();
        }
        assertEquals(0, raw.keys("user/services/status/*").size(), "status keys removed on stop");
    }

    @Test
    void uniqueServicesRefuseASecondInstance() throws Exception {
        ServiceLifecycle first = new ServiceLifecycle(connector, "0.1.0", Duration.ofMillis(600));
        ServiceLifecycle second = new ServiceLifecycle(connector, "0.1.0", Duration.ofMillis(600));
        try {
            LinkedBlockingQueue<BusEvent> statuses = new LinkedBlockingQueue<>();
            try (Subscription s = connector.subscribe(Endpoints.serviceStatus("DeviceServer"), statuses::add)) {
                ServiceHandle handle = first.register("DeviceServer", true);
                assertEquals(BecStatus.BUSY, BusFixture.next(statuses).as(StatusMessage.class).status());
                handle.setStatus(BecStatus.RUNNING);
                // a periodic heartbeat may still carry BUSY before the change
                BecStatus seen;
                do {
                    seen = BusFixture.next(statuses).as(StatusMessage.class).status();
                } while (seen == BecStatus.BUSY);
                assertEquals(BecStatus.RUNNING, seen);

                ServiceConflictException e = assertThrows(ServiceConflictException.class,
                        () -> second.register("DeviceServer", true));
                assertTrue(e.getMessage().contains("DeviceServer already runs"), e.getMessage());

                handle.close();
                assertFalse(raw.exists("user/services/status/DeviceServer"));
                second.register("DeviceServer", true).close();
            }
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void alarmsArePublishedWithTheirNotification() throws Exception {
        LinkedBlockingQueue<BusEvent> alarms = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<BusEvent> notes = new LinkedBlockingQueue<>();
        try (Subscription a = connector.subscribe(Endpoints.alarms(), alarms::add);
                Subscription b = connector.subscribe(Endpoints.notification("*"), notes::add)) {
            new AlarmPublisher(connector).raise(AlarmSeverity.MAJOR, "samx", "LimitError", "samx 60 outside [-50, 50]");
            AlarmMessage alarm = BusFixture.next(alarms).as(AlarmMessage.class);
            assertEquals(2L, alarm.severity());
            assertEquals("samx", alarm.info().device());
            BusEvent note = BusFixture.next(notes);
            assertEquals("internal/messaging_services/notification/alarm_major", note.topic());
            assertEquals("alarm_major", note.as(NotificationMessage.class).event());
        }
        assertTrue(connector.get(Endpoints.alarms()).isPresent(), "set and published");
    }

    @Test
    void logRecordsReachTheLogStreamButNotTheBusOwn() throws Exception {
        LoggerContext context = new LoggerContext();
        BusLogAppender appender = new BusLogAppender(connector, "JbecFramework/test");
        appender.setContext(context);
        appender.start();
        context.getLogger("ROOT").addAppender(appender);
        LinkedBlockingQueue<BusEvent> log = new LinkedBlockingQueue<>();
        try (Subscription s = connector.subscribeStream(Endpoints.log(), org.jbec.bus.api.StreamStart.NEW, log::add)) {
            context.getLogger("org.jbec.bus.redis.internal.JedisConnector").warn("bus trouble");
            context.getLogger("org.jbec.demo").debug("too fine");
            context.getLogger("org.jbec.demo").warn("samx {} stuck", "really");
            LogMessage m = BusFixture.next(log).as(LogMessage.class);
            assertEquals("warning", m.logType());
            Map<?, ?> msg = (Map<?, ?>) m.logMsg();
            assertEquals("samx really stuck", msg.get("text"));
            assertEquals("JbecFramework/test", msg.get("service_name"));
            assertEquals("org.jbec.demo", ((Map<?, ?>) msg.get("record")).get("name"));
        } finally {
            appender.stop();
        }
        assertEquals(1, raw.xlen("user/log"), "only the demo warning: bus records and DEBUG are not copied");
    }
}
