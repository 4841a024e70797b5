package org.jbec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * enforce_acls: the services log in as their own account and close Redis's default user; an admin
 * creates a user account with {@code jbec exec acl_user_add}; that user can submit scans on its own
 * channel only, and the guard refuses a request naming another user.
 */
class AclTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path work;
    private PrivateRedis redis;
    private JedisConnector alice;

    @AfterEach
    void stop() throws Exception {
        jbec("stop");
        if (alice != null) {
            alice.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private String jbec(String... args) throws IOException, InterruptedException {
        return new BackgroundJbec(work).run(args);
    }

    private ScanQueueMessage request(String rid, String aclUser) {
        return new ScanQueueMessage(Map.of("RID", rid, "client_info", Map.of("acl_user", aclUser, "username", "alice",
                "hostname", "test")), "line_scan", Map.of("args", List.of("samx", -1, 1),
                        "kwargs", Map.of("steps", 3, "relative", false)), "primary", true);
    }

    @Test
    void usersSubmitOnTheirOwnChannelOnlyAndStrangersOnlyReadPublic() throws Exception {
        redis = PrivateRedis.start();
        Files.writeString(work.resolve("servers.yaml"), "redis:\n  host: 127.0.0.1\n  port: " + redis.port()
                + "\n  embedded: false\nlog_writer:\n  base_path: " + work.resolve("log") + "\nfile_writer:\n  base_path: "
                + work.resolve("data") + "\nenforce_acls: true\n");
        Files.writeString(work.resolve("devices.yaml"), """
                samx: {readoutPriority: baseline, deviceClass: ophyd_devices.SimPositioner, enabled: true,
                       deviceConfig: {delay: 0, limits: [-50, 50]}}
                bpm4i: {readoutPriority: monitored, deviceClass: ophyd_devices.SimMonitor, enabled: true,
                        deviceConfig: {noise: none}}
                """);
        jbec("start");
        Path env = work.resolve("var/acl/services.env");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));

        // without login: public/* can be read, nothing written, no scan requested
        try (Jedis stranger = new Jedis("127.0.0.1", redis.port())) {
            stranger.get("public/anything");
            assertThrows(JedisDataException.class, () -> stranger.set("user/x", "1"));
            assertThrows(JedisDataException.class, () -> stranger.publish("personal/default/queue/queue_request", "x"));
            assertThrows(JedisDataException.class, () -> stranger.get("internal/x"));
        }

        String added = jbec("exec", "acl_user_add", "alice");
        assertTrue(added.contains("user alice created"), added);
        String token = added.lines().filter(l -> l.matches("[A-Za-z0-9_-]{32}")).findFirst()
                .orElseThrow(() -> new AssertionError("no token in: " + added));
        assertTrue(jbec("exec", "acl_users").matches("(?s).*alice\\s+user.*"));

        alice = JedisConnector.open("127.0.0.1", redis.port(), "alice", token);
        List<RequestResponseMessage> answers = new CopyOnWriteArrayList<>();
        List<ScanStatusMessage> statuses = new CopyOnWriteArrayList<>();
        alice.subscribe(Endpoints.scanQueueRequestResponse(), e -> answers.add(e.as(RequestResponseMessage.class)));
        alice.subscribe(Endpoints.scanStatus(), e -> statuses.add(e.as(ScanStatusMessage.class)));
        Await.until("alice connected", LONG, () -> alice.state() == org.jbec.bus.api.ConnectionState.CONNECTED);

        String own = UUID.randomUUID().toString();
        alice.send(Endpoints.scanQueueRequest("alice"), request(own, "alice"));
        RequestResponseMessage accepted = Await.value("the answer to alice", LONG, () -> answers.stream()
                .filter(a -> own.equals(a.metadata().get("RID"))).findFirst());
        assertTrue(accepted.accepted(), accepted.toString());
        Await.until("alice's scan closed", LONG, () -> statuses.stream().anyMatch(s -> s.status().equals("closed")));

        String posing = UUID.randomUUID().toString();
        alice.send(Endpoints.scanQueueRequest("alice"), request(posing, "bob"));
        RequestResponseMessage refused = Await.value("the answer to the posing request", LONG, () -> answers.stream()
                .filter(a -> posing.equals(a.metadata().get("RID"))).findFirst());
        assertFalse(refused.accepted());
        assertTrue(String.valueOf(refused.message()).contains("bob"), refused.toString());

        // Redis itself refuses another user's channel and the services' keys
        assertThrows(RuntimeException.class, () -> alice.send(Endpoints.scanQueueRequest("bob"), request("x", "bob")));
        try (Jedis asAlice = new Jedis("127.0.0.1", redis.port())) {
            asAlice.auth("alice", token);
            assertThrows(JedisDataException.class, () -> asAlice.set("internal/x", "1"));
            asAlice.set("user/alice-note", "1");
        }
        assertTrue(jbec("exec", "acl_user_remove", "alice").contains("alice removed"));
        try (Jedis gone = new Jedis("127.0.0.1", redis.port())) {
            assertThrows(JedisDataException.class, () -> gone.auth("alice", token));
        }
    }
}
