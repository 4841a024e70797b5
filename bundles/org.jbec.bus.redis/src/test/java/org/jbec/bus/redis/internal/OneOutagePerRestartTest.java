package org.jbec.bus.redis.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.StreamStart;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.LogMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.Test;

/**
 * One Redis restart is one outage: services act on every RECONNECTING (the scan server aborts the
 * running scan when so configured), so a reader that notices the restart late must not report a
 * second outage after the bus already said it was connected again.
 */
class OneOutagePerRestartTest {

    @Test
    void aRestartNoticedByOneReaderFirstIsStillOneOutage() throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            JedisConnector connector = TestConfig.connector(redis.port());
            try {
                JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);
                List<ConnectionState> changes = new CopyOnWriteArrayList<>();
                Inbox channel = new Inbox();
                // the pub/sub reader sees a restart at once; the stream reader, with nothing to read,
                // only at its next idle check
                try (Subscription state = connector.onStateChange(changes::add);
                        Subscription a = connector.subscribe(Endpoints.stopDevices(), channel)) {
                    for (int restart = 1; restart <= 5; restart++) {
                        redis.restart();
                        JedisConnectorTest.awaitState(connector, ConnectionState.CONNECTED);
                        // both readers must have a working connection now: a message through each
                        connector.send(Endpoints.stopDevices(), new VariableMessage(null, (long) restart));
                        assertEquals((long) restart, channel.next().as(VariableMessage.class).value());
                        Inbox stream = new Inbox();
                        try (Subscription s = connector.subscribeStream(Endpoints.log(), StreamStart.NEW, stream)) {
                            connector.xadd(Endpoints.log(), new LogMessage(null, "info", "restart " + restart),
                                    Limits.NONE);
                            assertEquals("restart " + restart, stream.next().as(LogMessage.class).logMsg());
                        }
                        List<ConnectionState> expected = new java.util.ArrayList<>();
                        for (int i = 0; i < restart; i++) {
                            expected.add(ConnectionState.RECONNECTING);
                            expected.add(ConnectionState.CONNECTED);
                        }
                        assertEquals(expected, List.copyOf(changes), "state changes after restart " + restart);
                    }
                }
            } finally {
                connector.close();
            }
        }
    }
}
