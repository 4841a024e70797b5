package org.jbec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jbec.test.support.PrivateRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-processing commands end to end, as an operator runs them: {@code ./jbec run} with the demo
 * session (config/demo.yaml) on a private Redis scans samx across the simulated Gaussian monitor
 * {@code gauss_bpm} (GaussianModel, center 0, sigma 1, amplitude 500, Poisson noise), then {@code cen}
 * finds the centre and {@code goto_cen} moves samx there.
 */
class DataProcessingCommandTest {

    /**
     * The configured centre of gauss_bpm in config/demo.yaml.
     */
    private static final double CONFIGURED_CENTRE = 0.0;

    /**
     * How far {@code cen} may be from it. The peak is 199.5 counts high with Poisson noise (±10 counts
     * at half maximum, where the slope is 117 counts per mm), and the motor lands within ±0.01 mm of
     * each point: a Monte Carlo of this scan (21 points on -4..4 mm, 20,000 draws) gives a spread of
     * 0.050 mm for the half-maximum centre and 0.17 mm at the 99.9th percentile. 0.25 mm is five
     * standard deviations: a failure means a wrong centre, not bad luck.
     */
    private static final double CENTRE_TOLERANCE = 0.25;

    /** The demo's samx tolerance (0.01 mm) with margin for the printed rounding. */
    private static final double MOTOR_TOLERANCE = 0.02;

    private static final Path ROOT = ItestRuntime.root();

    @TempDir
    Path work;

    private Path servers;

    @AfterEach
    void stopLeftovers() throws Exception {
        if (servers != null) {
            jbec(List.of("--config", servers.toString(), "stop"));
        }
    }

    private String jbec(List<String> args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(ROOT.resolve("jbec").toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().remove("JBEC_REDIS");
        pb.environment().put("JBEC_VAR", work.resolve("var").toString());
        Path out = work.resolve("out.txt");
        Process p = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "jbec " + args + " finished");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void cenFindsTheSimulatedPeakAndGotoCenMovesTheMotorThere() throws Exception {
        servers = work.resolve("servers.yaml");
        Files.writeString(servers, "redis:\n  host: localhost\n  port: " + PrivateRedis.freePort() + "\n"
                + "log_writer:\n  base_path: " + work.resolve("log") + "\n  levels:\n    io.jhdf: ERROR\n"
                + "file_writer:\n  base_path: " + work.resolve("data") + "\n");
        Path script = work.resolve("dap.gogo");
        // no --devices: the demo session; samx starts at 0, so move it away first to see goto_cen move it
        Files.writeString(script, """
                line_scan samx -4 4 --steps 21 --relative false
                cen gauss_bpm
                umv samx 3
                goto_cen gauss_bpm
                wm samx
                fit GaussianModel gauss_bpm
                """);
        String out = jbec(List.of("--config", servers.toString(), "run", script.toString()));
        System.out.println(out); // the figures, for the surefire report

        assertTrue(out.contains("Scan 1 closed: 21 points"), out);
        double cen = number(out, "\\ncen samx = (\\S+)  \\(scan 1: gauss_bpm against samx, 21 points\\)");
        assertEquals(CONFIGURED_CENTRE, cen, CENTRE_TOLERANCE, out);

        assertTrue(out.contains("moving samx to cen = "), out);
        double readback = number(out, "\\nsamx\\s+(\\S+)\\s+-50\\.0000\\s+50\\.0000");
        assertEquals(cen, readback, MOTOR_TOLERANCE, out);

        // the fit agrees with the statistics within its own error
        double centre = number(out, "\\n  center\\s+(\\S+) ± ");
        double error = number(out, "\\n  center\\s+\\S+ ± (\\S+)");
        assertEquals(CONFIGURED_CENTRE, centre, Math.max(5 * error, 0.05), out);
    }

    /**
     * A scan whose points are gone from the bus (the public keys last 30 minutes) is read back from its
     * master file: the data-processing bundle is restarted (its memory of the scan gone) and the keys
     * deleted, and {@code cen --scan 1} still finds the centre.
     */
    @Test
    void anOldScanIsAnalysedFromItsFile() throws Exception {
        int port = PrivateRedis.freePort();
        servers = work.resolve("servers.yaml");
        Files.writeString(servers, "redis:\n  host: localhost\n  port: " + port + "\n"
                + "log_writer:\n  base_path: " + work.resolve("log") + "\n  levels:\n    io.jhdf: ERROR\n"
                + "file_writer:\n  base_path: " + work.resolve("data") + "\n");
        List<String> config = List.of("--config", servers.toString());
        jbec(concat(config, "start"));
        jbec(concat(config, "exec", "line_scan samx -4 4 --steps 21 --relative false"));
        String dap = ItestRuntime.bundleId(jbec(concat(config, "exec", "lb")), "jBEC data processing");
        jbec(concat(config, "exec", "stop " + dap));
        int deleted;
        try (redis.clients.jedis.Jedis redis = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
            var keys = redis.keys("info/public/*/scan_segment/*");
            deleted = keys.size();
            keys.forEach(redis::del);
        }
        assertEquals(21, deleted, "the scan's 21 public points removed from the bus");
        jbec(concat(config, "exec", "start " + dap));
        String[] out = new String[1];
        org.jbec.test.support.Await.until("cen from the file", java.time.Duration.ofSeconds(60), () -> {
            try {
                out[0] = jbec(concat(config, "exec", "cen gauss_bpm --scan 1"));
                return true;
            } catch (AssertionError | IOException e) {
                return false; // the command is not registered again yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        double cen = number(out[0], "cen samx = (\\S+)  \\(scan 1: gauss_bpm against samx, 21 points\\)");
        assertEquals(CONFIGURED_CENTRE, cen, CENTRE_TOLERANCE, out[0]);
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
