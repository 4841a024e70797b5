package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.bus.api.message.ScanQueueHistoryMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.test.support.Await;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, load: 10 clients, each on its own bus connection, submit short line scans spread over
 * queue primary and two named queues (one motor per queue, so the queues run in parallel). Every
 * request is accepted once, every scan runs once and completes, with its own scan number, each queue
 * in the order the guard accepted its requests (so each client's order within a queue holds), and
 * the queue history (the last 100 items, as BEC trims it) holds them once each, completed. 500 scans take about 12 s here, so the test runs in the normal build.
 */
class ConcurrentClientsLoadTest extends WithScanSystem {

    static final int CLIENTS = 10;
    static final int HISTORY_KEPT = 100;
    static final Map<String, String> MOTOR_OF_QUEUE = new LinkedHashMap<>(
            Map.of("primary", "samx", "load_a", "samy", "load_b", "samz"));
    static final List<String> QUEUES = List.copyOf(MOTOR_OF_QUEUE.keySet());

    /** One submitted request: who sent it, where, in which place of that client's sequence. */
    record Submitted(String rid, int client, int sequence, String queue) {
    }

    @Test
    void fiveHundredScansFromTenClients() throws Exception {
        run(500);
    }

    private void run(int total) throws Exception {
        long start = System.nanoTime();
        List<Submitted> submitted = submitConcurrently(total);
        Map<String, Submitted> byRid = submitted.stream().collect(Collectors.toMap(Submitted::rid, s -> s));
        Await.until(total + " answers", Duration.ofSeconds(60), () -> system.responses.stream()
                .filter(r -> byRid.containsKey(String.valueOf(r.metadata().get("RID")))).count() >= total);
        Await.until(total + " scans ended", Duration.ofSeconds(600), () -> system.statuses.stream()
                .filter(s -> byRid.containsKey(String.valueOf(s.info().get("RID"))) && !"open".equals(s.status())).count() >= total);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("load: %d scans from %d clients on %d queues in %.1f s, %.1f scans/s%n", total, CLIENTS,
                QUEUES.size(), seconds, total / seconds);

        // each request answered once, accepted
        Map<String, List<RequestResponseMessage>> answers = system.responses.stream()
                .filter(r -> byRid.containsKey(String.valueOf(r.metadata().get("RID"))))
                .collect(Collectors.groupingBy(r -> String.valueOf(r.metadata().get("RID"))));
        assertEquals(total, answers.size(), "every request answered");
        answers.forEach((rid, list) -> {
            assertEquals(1, list.size(), rid + " answered once");
            assertTrue(list.get(0).accepted(), rid + ": " + list.get(0).message());
        });

        // each scan opened once and closed once, one scan id per request, distinct scan numbers
        Map<String, List<ScanStatusMessage>> statuses = system.statuses.stream()
                .filter(s -> byRid.containsKey(String.valueOf(s.info().get("RID"))))
                .collect(Collectors.groupingBy(s -> String.valueOf(s.info().get("RID"))));
        Set<Object> scanNumbers = new java.util.HashSet<>();
        statuses.forEach((rid, list) -> {
            assertEquals(List.of("open", "closed"), list.stream().map(ScanStatusMessage::status).toList(), rid);
            assertEquals(1, list.stream().map(ScanStatusMessage::scanId).distinct().count(), rid + " one scan id");
            assertTrue(scanNumbers.add(list.get(0).scanNumber()), "scan number " + list.get(0).scanNumber() + " twice");
        });
        assertEquals(total, statuses.size(), "every request ran as a scan");
        Set<String> scanIds = statuses.values().stream().map(l -> l.get(0).scanId()).collect(Collectors.toSet());
        Await.until("2 points of every scan", Duration.ofSeconds(30), () -> {
            Map<String, Long> now = new HashMap<>();
            system.segments.forEach(p -> now.merge(p.scanId(), 1L, Long::sum));
            return scanIds.stream().allMatch(id -> now.getOrDefault(id, 0L) >= 2);
        });
        Map<String, Long> points = new HashMap<>();
        system.segments.forEach(p -> points.merge(p.scanId(), 1L, Long::sum));
        scanIds.forEach(id -> assertEquals(2L, points.get(id), id + " has its 2 points, once each"));

        // per queue: run order = the guard's acceptance order, hence each client's order within the queue
        for (String queue : QUEUES) {
            List<String> accepted = system.responses.stream().map(r -> String.valueOf(r.metadata().get("RID")))
                    .filter(rid -> byRid.containsKey(rid) && byRid.get(rid).queue().equals(queue)).toList();
            List<String> ran = system.statuses.stream().filter(s -> "open".equals(s.status()))
                    .map(s -> String.valueOf(s.info().get("RID")))
                    .filter(rid -> byRid.containsKey(rid) && byRid.get(rid).queue().equals(queue)).toList();
            assertEquals(accepted, ran, queue + " ran in acceptance order");
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                List<Integer> order = ran.stream().map(byRid::get).filter(s -> s.client() == c).map(Submitted::sequence).toList();
                assertEquals(order.stream().sorted().toList(), order, queue + ", client " + client + " in its order");
            }
        }

        // the queue history keeps the last 100 items (bec-protocol.md: LTRIM 0 99): all ours, completed, once each
        int kept = Math.min(total, HISTORY_KEPT);
        Await.until(kept + " scans in the history", Duration.ofSeconds(30),
                () -> history().keySet().stream().filter(byRid::containsKey).count() >= kept);
        Map<String, List<String>> history = history();
        assertEquals(kept, history.size(), "history entries");
        history.forEach((rid, entries) -> {
            assertTrue(byRid.containsKey(rid), rid + " is one of ours");
            assertEquals(List.of("COMPLETED"), entries, rid + " in the history");
        });
        assertTrue(system.alarms(a -> a.severity() == 2).isEmpty(), "no scan failed: " + system.alarms);
    }

    /** The queue history: RID → statuses of its entries. */
    private Map<String, List<String>> history() {
        Map<String, List<String>> history = new HashMap<>();
        for (ScanQueueHistoryMessage h : system.bus.lrange(Endpoints.scanQueueHistory(), 0, -1)) {
            h.info().requestBlocks().forEach(b -> history.computeIfAbsent(b.RID(), k -> new ArrayList<>()).add(h.status()));
        }
        return history;
    }

    /** Each client thread opens its own bus connection and sends its share, queues taken in turn. */
    private List<Submitted> submitConcurrently(int total) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<List<Submitted>>> sent = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                int c = client;
                int share = total / CLIENTS + (client < total % CLIENTS ? 1 : 0);
                sent.add(clients.submit(() -> submitAs(c, share)));
            }
            List<Submitted> all = new ArrayList<>();
            for (Future<List<Submitted>> f : sent) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            clients.shutdownNow();
        }
    }

    private List<Submitted> submitAs(int client, int count) throws Exception {
        List<Submitted> out = new ArrayList<>();
        JedisConnector bus = JedisConnector.open("127.0.0.1", redis.port());
        try {
            Await.until("client " + client + " connected", () -> bus.state() == ConnectionState.CONNECTED);
            for (int i = 0; i < count; i++) {
                String queue = QUEUES.get((client + i) % QUEUES.size());
                String rid = UUID.randomUUID().toString();
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("RID", rid);
                metadata.put("client_info", Map.of("acl_user", "default", "username", "client" + client, "hostname", "load"));
                Map<String, Object> parameter = new LinkedHashMap<>();
                parameter.put("args", Map.of(MOTOR_OF_QUEUE.get(queue), List.of(-1.0, 1.0)));
                parameter.put("kwargs", Map.of("steps", 2, "exp_time", 0, "relative", false));
                bus.send(Endpoints.scanQueueRequest("default"), new ScanQueueMessage(metadata, "line_scan", parameter, queue, true));
                out.add(new Submitted(rid, client, i, queue));
            }
        } finally {
            bus.close();
        }
        return out;
    }
}
