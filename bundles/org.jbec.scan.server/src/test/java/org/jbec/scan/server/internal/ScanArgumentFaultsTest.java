package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.test.support.Await;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 (b): scan arguments ScanGuardTest does not try (it has wrong types, unknown and disabled
 * devices, steps 0, missing steps/relative, bad arity). Each is refused by the guard with a message
 * naming the argument, nothing is queued, and the services go on.
 */
class ScanArgumentFaultsTest extends WithScanSystem {

    private record Case(String expected, Object args, Map<String, Object> kwargs) {
    }

    private static Map<String, Object> line(Object... more) {
        Map<String, Object> kwargs = new LinkedHashMap<>(Map.of("steps", 3, "relative", false));
        for (int i = 0; i < more.length; i += 2) {
            kwargs.put((String) more[i], more[i + 1]);
        }
        return kwargs;
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("start", Map.of("samx", List.of(Double.NaN, 1.0)), line()));
        c.add(new Case("stop", Map.of("samx", List.of(-1.0, Double.POSITIVE_INFINITY)), line()));
        c.add(new Case("start", Map.of("samz", List.of(Double.NEGATIVE_INFINITY, 1.0)), line()));
        c.add(new Case("stop", Map.of("samz", List.of(0.0, Double.NaN)), line()));
        c.add(new Case("steps", Map.of("samx", List.of(-1.0, 1.0)), line("steps", -3)));
        c.add(new Case("steps", Map.of("samx", List.of(-1.0, 1.0)), line("steps", 2.5)));
        c.add(new Case("steps", Map.of("samx", List.of(-1.0, 1.0)), line("steps", "3")));
        c.add(new Case("steps", Map.of("samx", List.of(-1.0, 1.0)), line("steps", Double.NaN)));
        c.add(new Case("exp_time", Map.of("samx", List.of(-1.0, 1.0)), line("exp_time", -0.1)));
        c.add(new Case("exp_time", Map.of("samx", List.of(-1.0, 1.0)), line("exp_time", Double.NaN)));
        c.add(new Case("exp_time", Map.of("samx", List.of(-1.0, 1.0)), line("exp_time", Double.POSITIVE_INFINITY)));
        c.add(new Case("relative", Map.of("samx", List.of(-1.0, 1.0)), line("relative", 1)));
        c.add(new Case("groups of 3", Map.of("samx", "minus one to one"), line()));
        c.add(new Case("1 or more groups", List.of(), line()));
        c.add(new Case("settling_time", Map.of("samx", List.of(-1.0, 1.0)), line("settling_time", Double.NaN)));
        c.add(new Case("burst_at_each_point", Map.of("samx", List.of(-1.0, 1.0)), line("burst_at_each_point", 0)));
        c.add(new Case("frames_per_trigger", Map.of("samx", List.of(-1.0, 1.0)), line("frames_per_trigger", -1)));
        c.add(new Case("'' is not a device", Map.of("", List.of(-1.0, 1.0)), line()));
        c.add(new Case("is not a device", Map.of(HostileMessages.hugeString(), List.of(-1.0, 1.0)), line()));
        return c;
    }

    @Test
    void badArgumentsAreRefusedNamingTheArgument() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Case c : cases()) {
            String rid = system.submit("line_scan", c.args(), c.kwargs(), "primary");
            RequestResponseMessage answer = Await.value("answer to " + c, Duration.ofSeconds(10),
                    () -> system.responses.stream().filter(r -> rid.equals(r.metadata().get("RID"))).findFirst());
            String message = String.valueOf(answer.message());
            if (answer.accepted() || !message.contains(c.expected())) {
                failures.add(c.expected() + " " + c.args().toString().substring(0, Math.min(60, c.args().toString().length()))
                        + " " + c.kwargs() + " -> accepted=" + answer.accepted() + " " + message);
            }
        }
        System.out.printf("scan arguments: %d bad requests sent%n", cases().size());
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases().size() + " not refused with their name:\n"
                + String.join("\n", failures));
        SystemHealth.assertAlive(system, "primary");
        assertFalse(system.history().isEmpty(), "only the normal scan ran");
        assertTrue(system.history().stream().allMatch("COMPLETED"::equals), "history " + system.history());
    }

    @Test
    void unknownKeywordArgumentsAreRefusedOrIgnoredNeverHalfUsed() throws Exception {
        // BEC's scans take **kwargs: an extra keyword is passed on and ignored
        String rid = system.lineScan("samx", -1, 1, 3, Map.of("bogus_option", Map.of("deep", List.of(1, 2)),
                "exp_time", 0), "primary");
        RequestResponseMessage answer = Await.value("answer", Duration.ofSeconds(10),
                () -> system.responses.stream().filter(r -> rid.equals(r.metadata().get("RID"))).findFirst());
        if (answer.accepted()) {
            String scanId = system.awaitStatus(rid, "closed").scanId();
            Await.until("3 points", () -> system.segmentsOf(scanId).size() == 3);
        } else {
            assertTrue(String.valueOf(answer.message()).contains("bogus_option"), String.valueOf(answer.message()));
        }
        SystemHealth.assertAlive(system, "primary");
    }
}
