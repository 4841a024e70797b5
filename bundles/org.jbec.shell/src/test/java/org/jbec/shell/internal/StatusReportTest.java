package org.jbec.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.jbec.bus.api.RedisAddress;
import org.jbec.bus.api.RedisHealth;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    private static SystemStatus status(RedisHealth health, List<SystemStatus.BundleLine> bundles,
            List<SystemStatus.ComponentLine> components) {
        return new SystemStatus("org.apache.felix.framework", "7.0.5", "17.0.15",
                Optional.of(new RedisAddress("localhost", 6379)),
                Optional.of("redis-server 7.0.15 (/usr/bin/redis-server, from PATH)"), health, bundles, components,
                List.of(new SystemStatus.ServiceLine("JbecFramework/x", "RUNNING", "ws1")),
                List.of("http://10.0.0.5:8780/jbec/"));
    }

    private static final SystemStatus.BundleLine SHELL =
            new SystemStatus.BundleLine(27, "org.jbec.shell", "0.1.0", "ACTIVE", false, false);
    private static final SystemStatus.BundleLine CONSOLE =
            new SystemStatus.BundleLine(21, "org.apache.felix.gogo.jline", "1.1.8", "INSTALLED", false, true);

    @Test
    void healthySystemIsReady() {
        SystemStatus s = status(RedisHealth.up("7.0.15", 230_000), List.of(SHELL, CONSOLE), List.of(
                new SystemStatus.ComponentLine("org.jbec.shell.internal.StatusCommands", "org.jbec.shell", "ACTIVE", "")));
        assertEquals(List.of(), s.problems());
        String text = StatusReport.format(s);
        assertTrue(text.contains("localhost:6379 connected (Redis 7.0.15, ping 0.23 ms), embedded: redis-server 7.0.15"),
                text);
        assertTrue(text.contains("ready       yes"), text);
        assertTrue(text.contains("web view    http://10.0.0.5:8780/jbec/"), text);
        assertTrue(text.contains("2 active, 0 not active"), text);
        assertTrue(text.contains("PENDING"), "a bundle above the current start level is shown as pending: " + text);
        assertTrue(text.contains("services    1 on the bus") && text.contains("JbecFramework/x"), text);
    }

    @Test
    void everyProblemIsNamed() {
        SystemStatus s = status(RedisHealth.down("Connection refused"),
                List.of(new SystemStatus.BundleLine(30, "org.jbec.broken", "1.0.0", "INSTALLED", false, false)),
                List.of(new SystemStatus.ComponentLine("org.jbec.X", "org.jbec.x", "UNSATISFIED_REFERENCE",
                        "missing redis")));
        assertEquals(List.of("Redis at localhost:6379 does not answer: Connection refused",
                "bundle org.jbec.broken is INSTALLED",
                "component org.jbec.X is UNSATISFIED_REFERENCE: missing redis"), s.problems());
        assertTrue(StatusReport.format(s).contains("NOT connected: Connection refused"));
    }
}
