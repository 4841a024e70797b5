package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Limits;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Scan and dataset numbers on a real Redis, in BEC's keys. */
@ExtendWith(RedisServerExtension.class)
class ScanNumbersTest {

    private JedisConnector bus;
    private ScanNumbers numbers;

    @BeforeEach
    void start(PrivateRedis redis) throws Exception {
        bus = JedisConnector.open("127.0.0.1", redis.port());
        Await.until("bus connected", () -> bus.state() == ConnectionState.CONNECTED);
        // one Redis serves the whole class: every test starts from no numbers and no account
        bus.delete(Endpoints.scanNumber());
        bus.delete(Endpoints.datasetNumber());
        bus.delete(Endpoints.account());
        numbers = new ScanNumbers(bus);
    }

    @AfterEach
    void stop() {
        bus.close();
    }

    @Test
    void numbersStartAtOneAndAdvanceTogetherUnlessTheDatasetIsOnHold() {
        assertEquals(new ScanNumbers.Assigned("", 1, 1), numbers.next(false));
        assertEquals(new ScanNumbers.Assigned("", 2, 2), numbers.next(false));
        assertEquals(new ScanNumbers.Assigned("", 3, 2), numbers.next(true));
        assertEquals(4, numbers.nextScanNumber());
        assertEquals(Map.of("", 3L), bus.get(Endpoints.scanNumber()).orElseThrow().value());
        assertEquals(Map.of("", 2L), bus.get(Endpoints.datasetNumber()).orElseThrow().value());
    }

    @Test
    void eachAccountHasItsOwnNumbersAndALegacyNumberIsKept() {
        bus.set(Endpoints.scanNumber(), new VariableMessage(null, 41), null);
        assertEquals(new ScanNumbers.Assigned("", 42, 1), numbers.next(false));

        bus.xadd(Endpoints.account(), new VariableMessage(null, "p12345"), Limits.maxLength(1));
        assertEquals(new ScanNumbers.Assigned("p12345", 1, 1), numbers.next(false));
        assertEquals(Map.of("", 42L, "p12345", 1L), bus.get(Endpoints.scanNumber()).orElseThrow().value());
    }

    @Test
    void numbersDrawnFromParallelQueuesNeverRepeat() throws Exception {
        ExecutorService queues = Executors.newFixedThreadPool(4);
        try {
            List<Future<ScanNumbers.Assigned>> drawn = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                drawn.add(queues.submit(() -> numbers.next(false)));
            }
            Set<Long> seen = new HashSet<>();
            for (Future<ScanNumbers.Assigned> f : drawn) {
                seen.add(f.get().scanNumber());
            }
            assertEquals(200, seen.size());
            assertEquals(201, numbers.nextScanNumber());
        } finally {
            queues.shutdownNow();
        }
    }
}
