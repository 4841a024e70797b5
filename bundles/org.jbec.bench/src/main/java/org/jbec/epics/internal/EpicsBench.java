package org.jbec.epics.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.jbec.epics.api.PvChannel;

/**
 * EPICS figures (issue 8): put-callback latency through jBEC's Channel Access layer, and the monitor
 * rate it follows without loss, against the simulated IOC in its own process on loopback.
 */
public final class EpicsBench {

    private EpicsBench() {
    }

    public static void print(boolean quick) throws Exception {
        // the simulated IOC updates a PV at most 1000 times a second: higher rates come from more PVs
        run(100, 1, quick);
        run(1000, 1, quick);
        run(1000, 10, quick);
    }

    private static void run(int hz, int pvs, boolean quick) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path config = Files.createTempFile("bench-ioc", ".yaml");
        StringBuilder yaml = new StringBuilder("update_hz: " + hz + "\nanalog_in:\n");
        for (int i = 0; i < pvs; i++) {
            yaml.append("  - {name: \"B:NOISE").append(i).append("\", value: 0.0, noise: 1.0}\n");
        }
        Files.writeString(config, yaml + "analog_out:\n  - {name: \"B:AO\", value: 0.0}\n");
        Process ioc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DCA_DISABLE_REPEATER=true", "-cp", System.getProperty("java.class.path"), "org.jbec.epics.simioc.SimIoc",
                config.toString(), "--port", Integer.toString(port)).redirectErrorStream(true).start();
        ChannelAccessService ca = new ChannelAccessService(Map.of("addr_list", "127.0.0.1", "auto_addr_list", "false",
                "server_port", Integer.toString(port), "repeater_port", Integer.toString(port + 2)));
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(ioc.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("sim-ioc ready")) {
                throw new IllegalStateException("sim IOC did not start: " + line);
            }
            PvChannel ao = ca.channel("B:AO");
            java.util.List<PvChannel> noise = new java.util.ArrayList<>();
            for (int i = 0; i < pvs; i++) {
                noise.add(ca.channel("B:NOISE" + i));
            }
            if (!ao.awaitConnected(Duration.ofSeconds(10))
                    || !noise.stream().allMatch(c -> c.awaitConnected(Duration.ofSeconds(10)))) {
                throw new IllegalStateException("channels did not connect");
            }
            Histogram h = new Histogram(3);
            int puts = quick ? 1000 : 5000;
            for (int i = 0; i < puts + 500; i++) {
                long start = System.nanoTime();
                ao.put((double) i).get(5, TimeUnit.SECONDS);
                if (i >= 500) {
                    h.recordValue(Math.max(1, System.nanoTime() - start));
                }
            }
            AtomicLong received = new AtomicLong();
            java.util.List<AutoCloseable> monitors = new java.util.ArrayList<>();
            noise.forEach(c -> monitors.add(c.monitor(v -> received.incrementAndGet())));
            Thread.sleep(500);
            long before = received.get();
            double seconds = quick ? 2 : 5;
            Thread.sleep((long) (seconds * 1000));
            long got = received.get() - before;
            for (AutoCloseable m : monitors) {
                m.close();
            }
            System.out.printf(Locale.ROOT, "EPICS, %2d PVs updating at %4d Hz: put-callback p50 %.0f µs, p99 %.0f µs "
                    + "(%d puts); monitors %.0f updates/s received = %.1f%% of what the IOC sent%n", pvs, hz,
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, puts, got / seconds,
                    100.0 * got / seconds / (hz * pvs));
        } finally {
            ca.stop();
            ioc.destroyForcibly();
            Files.deleteIfExists(config);
        }
    }
}
