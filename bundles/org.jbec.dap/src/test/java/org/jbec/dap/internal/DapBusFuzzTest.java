package org.jbec.dap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.DAPRequestMessage;
import org.jbec.bus.api.message.DAPResponseMessage;
import org.jbec.bus.api.message.VariableMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.bus.redis.internal.codec.MsgpackCodec;
import org.jbec.service.internal.ServiceLifecycle;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import redis.clients.jedis.Jedis;

/**
 * Payloads nobody should send on the DAP service's channels (requests, scan status, scan segments),
 * from a fixed seed: random bytes, msgpack of the wrong message class, and requests whose config holds
 * wrong types, NaN and huge strings. The service stays up and still answers a good request correctly.
 */
@ExtendWith(RedisServerExtension.class)
class DapBusFuzzTest {

    private static final long SEED = 20261129L;
    private JedisConnector bus;
    private ServiceLifecycle lifecycle;
    private DapWorkers workers;
    private ScanDataStore store;
    private DapServer server;
    private int port;

    @BeforeEach
    void start(PrivateRedis redis) throws Exception {
        port = redis.port();
        bus = JedisConnector.open("127.0.0.1", port);
        Await.until("bus connected", () -> bus.state() == ConnectionState.CONNECTED);
        lifecycle = new ServiceLifecycle(bus, "test", Duration.ofMillis(500));
        workers = new DapWorkers();
        store = new ScanDataStore(bus, workers);
        server = new DapServer(bus, lifecycle, store, Synthetic.whiteboard(), workers);
        Await.until("server running", () -> server.running() && store.listening());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        store.stop();
        workers.stop();
        lifecycle.stop();
        bus.close();
    }

    private static Object hostile(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> "x".repeat(200_000);
            case 2 -> List.of(1, "two", Double.POSITIVE_INFINITY);
            case 3 -> Map.of("nested", Map.of("deeper", List.of()));
            case 4 -> -1L;
            case 5 -> null;
            case 6 -> "<script>alert(1)</script>";
            default -> new ArrayList<>(java.util.Collections.nCopies(50_000, 1.0));
        };
    }

    private Map<String, Object> hostileConfig(Random random) {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (String key : List.of("data_x", "data_y", "scan_item", "device_x", "signal_x", "device_y", "signal_y",
                "background", "auto_run")) {
            if (random.nextBoolean()) {
                kwargs.put(key, hostile(random));
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("args", random.nextBoolean() ? List.of() : hostile(random));
        config.put("kwargs", kwargs);
        config.put("class_kwargs", Map.of("model", random.nextBoolean() ? "GaussianModel" : String.valueOf(hostile(random))));
        return config;
    }

    @Test
    void hostilePayloadsLeaveTheServiceAnsweringGoodRequests() throws Exception {
        Random random = new Random(SEED);
        MsgpackCodec codec = new MsgpackCodec();
        List<String> channels = List.of(Endpoints.dapRequest().key(), Endpoints.scanStatus().key(),
                Endpoints.scanSegment().key());
        int sent = 0;
        try (Jedis raw = new Jedis("127.0.0.1", port)) {
            for (int i = 0; i < 40; i++) {
                for (String channel : channels) {
                    byte[] junk = new byte[random.nextInt(2000)];
                    random.nextBytes(junk);
                    raw.publish(channel.getBytes(StandardCharsets.UTF_8), junk);
                    raw.publish(channel.getBytes(StandardCharsets.UTF_8),
                            codec.encode(new VariableMessage(null, hostile(random))));
                    sent += 2;
                }
                for (String type : List.of("on_demand", "continuous")) {
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("RID", random.nextBoolean() ? UUID.randomUUID().toString() : hostile(random));
                    raw.publish(Endpoints.dapRequest().key().getBytes(StandardCharsets.UTF_8), codec.encode(
                            new DAPRequestMessage(metadata, random.nextBoolean() ? "LmfitService1D" : "Nope", type,
                                    hostileConfig(random))));
                    sent++;
                }
            }
        }
        System.out.println("DAP fuzz: " + sent + " payloads on " + channels.size() + " channels, seed " + SEED);
        assertTrue(server.running(), "the DAP service is still running");

        List<Object> x = new ArrayList<>();
        List<Object> y = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            double xi = -4 + 0.2 * i;
            x.add(xi);
            y.add(300 * Math.exp(-(xi - 0.4) * (xi - 0.4) / (2 * 0.36)) + 12);
        }
        String rid = UUID.randomUUID().toString();
        bus.setAndPublish(Endpoints.dapRequest(), new DAPRequestMessage(Map.of("RID", rid), "LmfitService1D", "on_demand",
                Map.of("args", List.of(), "kwargs", Map.of("data_x", x, "data_y", y), "class_args", List.of(),
                        "class_kwargs", Map.of("model", "GaussianModel"))));
        DAPResponseMessage answer = Await.value("the answer to a good request", Duration.ofSeconds(60),
                () -> bus.get(Endpoints.dapResponse(rid)));
        assertTrue(answer.success(), answer.error());
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) ((List<Object>) answer.data()).get(1);
        assertEquals(0.4, ((Number) ((Map<?, ?>) report.get("fit_parameters")).get("center")).doubleValue(), 1e-6);
    }
}
