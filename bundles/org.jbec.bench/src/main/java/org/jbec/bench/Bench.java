package org.jbec.bench;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.test.support.PrivateRedis;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code ./jbec bench}: prints the codec figures (JMH) and the bus figures beside plain Jedis on
 * the same private Redis in the same run, with their ratios, then the device server and scan figures.
 * Targets: codec ≤ 2 µs for the DeviceMessage and connector p50 ≤ 2 × plain Jedis (issue 3);
 * line scan ≤ 0.2 ms per point (issue 5).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        boolean quick = options.contains("--quick");
        // "scans" runs only the bus reference and the scan figures (a minute instead of several),
        // "files" only the file-writer figures
        boolean scansOnly = options.contains("scans");
        if (options.contains("files")) {
            org.jbec.file.writer.internal.FileWriterBench.print(quick);
            return;
        }
        if (options.contains("epics")) {
            org.jbec.epics.internal.EpicsBench.print(quick);
            return;
        }
        if (options.contains("fits")) {
            System.out.println("== fits: 10,000 noisy points per model (data processing, Commons Math LM)");
            org.jbec.dap.internal.FitBench.main(new String[0]);
            return;
        }
        double publishP50 = bus(quick ? 2_000 : 5_000, quick ? 5_000 : 20_000);
        if (!scansOnly) {
            devices(quick);
        }
        org.jbec.scan.server.internal.ScanServerBench.print(quick, publishP50);
        if (scansOnly) {
            return;
        }
        org.jbec.file.writer.internal.FileWriterBench.print(quick);
        org.jbec.epics.internal.EpicsBench.print(quick);
        System.out.println("== fits: 10,000 noisy points per model (data processing, Commons Math LM)");
        org.jbec.dap.internal.FitBench.main(new String[0]);
        codec(quick);
    }

    /** @return plain Jedis PUBLISH → callback p50 in µs, the reference for the scan figures */
    private static double bus(int rounds, int burst) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            System.out.println("bus: Redis " + redis.binary().describe() + " on port " + redis.port());
            BusRoundTrip bench = new BusRoundTrip(redis.port());
            JedisConnector connector = connector(redis.port());
            try {
                // warm both sides, then measure them alternately; the later pair is reported
                bench.rawJedis(2_000, 2_000, 5_000);
                bench.rawJedis(2_000, 2_000, 5_000, true);
                bench.connector(connector, 2_000, 2_000, 5_000);
                bench.connectorSend(connector, 2_000, 2_000, 5_000);
                BusRoundTrip.Figures raw = bench.rawJedis(1_000, rounds, burst);
                BusRoundTrip.Figures send = bench.connectorSend(connector, 1_000, rounds, burst);
                BusRoundTrip.Figures rawMulti = bench.rawJedis(1_000, rounds, burst, true);
                BusRoundTrip.Figures set = bench.connector(connector, 1_000, rounds, burst);
                System.out.printf(Locale.ROOT, "%-28s %10s %10s %14s%n", "publish -> callback", "p50 µs", "p99 µs",
                        "messages/s");
                for (BusRoundTrip.Figures f : new BusRoundTrip.Figures[] {raw, send, rawMulti, set}) {
                    System.out.printf(Locale.ROOT, "%-28s %10.1f %10.1f %14.0f%n", f.name(), f.p50Micros(),
                            f.p99Micros(), f.messagesPerSecond());
                }
                ratio("send vs PUBLISH", send, raw);
                ratio("setAndPublish vs MULTI SET+PUBLISH", set, rawMulti);
                return raw.p50Micros();
            } finally {
                connector.close();
            }
        }
    }

    private static void ratio(String what, BusRoundTrip.Figures connector, BusRoundTrip.Figures raw) {
        System.out.printf(Locale.ROOT, "ratio connector/raw, %-36s p50 %.2f  p99 %.2f  rate %.2f%n", what + ":",
                connector.p50Micros() / raw.p50Micros(), connector.p99Micros() / raw.p99Micros(),
                connector.messagesPerSecond() / raw.messagesPerSecond());
    }

    private static void devices(boolean quick) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start()) {
            JedisConnector connector = connector(redis.port());
            try {
                while (connector.state() != org.jbec.bus.api.ConnectionState.CONNECTED) {
                    java.util.concurrent.TimeUnit.MILLISECONDS.sleep(10);
                }
                org.jbec.device.server.internal.DeviceServerBench.print(connector, quick);
            } finally {
                connector.close();
            }
        }
    }

    private static JedisConnector connector(int port) {
        return JedisConnector.open("127.0.0.1", port);
    }

    private static void codec(boolean quick) throws Exception {
        Options options = new OptionsBuilder()
                .include(CodecBenchmark.class.getName())
                .forks(1)
                .warmupIterations(quick ? 2 : 3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xmx2g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-40s %14s %12s%n", "codec", "ns/op", "± ns");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            System.out.printf(Locale.ROOT, "%-40s %14.1f %12.1f%n", name.substring(name.lastIndexOf('.') + 1),
                    r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError());
        }
    }
}
