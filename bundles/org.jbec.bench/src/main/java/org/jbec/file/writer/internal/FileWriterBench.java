package org.jbec.file.writer.internal;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.NdArray;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.file.api.Column;
import org.jbec.file.api.ScanFile;

/**
 * File-writer figures (issue 6): a 1,000,000-point scan of three scalar devices and 1,000 frames of
 * 512×512 uint16, through the writer's own path (points into columns, frames into part files, the
 * NeXus master with jHDF), beside h5py writing the same data in the same run, with the peak heap.
 */
public final class FileWriterBench {

    private FileWriterBench() {
    }

    public static void print(boolean quick) throws Exception {
        int points = quick ? 200_000 : 1_000_000;
        int frames = quick ? 200 : 1_000;
        Path dir = Files.createTempDirectory("jbec-file-bench");
        try {
            scalars(dir, points);
            frames(dir, frames);
        } finally {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void scalars(Path dir, int points) throws Exception {
        Path master = dir.resolve("S00001_master.h5");
        ScanCollector collector = new ScanCollector(open(), master, null, 256L << 20);
        try (HeapPeak peak = new HeapPeak()) {
            long start = System.nanoTime();
            for (int i = 0; i < points; i++) {
                Map<String, Object> data = new LinkedHashMap<>();
                for (String device : List.of("samx", "bpm4i", "bpm3a")) {
                    data.put(device, Map.of(device, Map.of("value", -5 + 10.0 * i / points, "timestamp", 1.7e9 + i)));
                }
                collector.add(new ScanMessage(null, (long) i, "s-1", data));
            }
            long collected = System.nanoTime();
            Map<String, Map<String, Column>> columns = collector.columns();
            new NexusFormat().write(scan(columns, points, dir), master);
            long written = System.nanoTime();
            double h5py = reference("scalars", dir.resolve("h5py-scalars.h5"), points);
            double write = (written - collected) / 1e9;
            System.out.printf(Locale.ROOT, "file writer, %d-point scan of 3 scalar devices: points into columns %.2f s "
                    + "(%.0f points/s), master file %.2f s (%.1f MB); h5py same datasets %.2f s; ratio jBEC/h5py "
                    + "%.1f; peak heap %.0f MB%n", points, (collected - start) / 1e9, points / ((collected - start) / 1e9),
                    write, Files.size(master) / 1e6, h5py, write / h5py, peak.megabytes());
        }
    }

    private static void frames(Path dir, int count) throws Exception {
        int[] pixels = new int[512 * 512];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 65536;
        }
        NdArray frame = NdArray.of(Dtype.UINT16, pixels, 512, 512);
        Path master = dir.resolve("S00002_master.h5");
        PartWriter parts = new PartWriter(dir.resolve("S00002_master_parts"), 64L << 20); // the default bound
        try (HeapPeak peak = new HeapPeak()) {
            long start = System.nanoTime();
            ColumnBuilder image = new ColumnBuilder("cam_image", parts);
            for (int i = 0; i < count; i++) {
                image.put(i, frame, 1.7e9 + i);
            }
            Column column = image.build();
            new NexusFormat().write(scan(Map.of("cam", Map.of("cam_image", column)), count, dir), master);
            double seconds = (System.nanoTime() - start) / 1e9;
            double megabytes = count * 512.0 * 512 * 2 / 1e6;
            double h5py = reference("frames", dir.resolve("h5py-frames.h5"), count);
            System.out.printf(Locale.ROOT, "file writer, %d frames 512x512 uint16 (%.0f MB): %.2f s (%.0f MB/s) in %d "
                    + "part files; h5py appending frame by frame %.2f s (%.0f MB/s); ratio jBEC/h5py %.1f; "
                    + "peak heap %.0f MB (bound per signal 64 MB)%n", count, megabytes, seconds, megabytes / seconds,
                    column.parts().size(), h5py, megabytes / h5py, seconds / h5py, peak.megabytes());
        }
    }

    private static ScanStatusMessage open() {
        return new ScanStatusMessage(null, "s-1", "open", null, 1L, null, 0L, 0L, "line_scan", "software_triggered",
                1L, List.of("samx"), Map.of(), Map.of("monitored", List.of("samx", "bpm4i", "bpm3a")), Map.of(),
                Map.of(), Map.of(), 1.7e9);
    }

    private static ScanFile scan(Map<String, Map<String, Column>> columns, int points, Path dir) {
        return new ScanFile("s-1", 1, 1, "line_scan", "closed", null, 1.7e9, 1.7e9 + points, points, points, points,
                List.of("samx"), Map.of("scan_number", 1), Map.of(), columns, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), "bench", dir);
    }

    /** Seconds h5py needs for the same data (Debian's python3 with h5py). */
    private static double reference(String kind, Path file, int n) throws Exception {
        Path script = Files.createTempFile("h5py_reference", ".py");
        try (var in = FileWriterBench.class.getResourceAsStream("/h5py_reference.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), kind, file.toString(), Integer.toString(n))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        Files.deleteIfExists(script);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("h5py reference failed: " + out);
        }
        return Double.parseDouble(out.substring(out.lastIndexOf('\n') + 1));
    }

    /** The highest heap use seen while open, above the use when it was opened. */
    private static final class HeapPeak implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong max = new AtomicLong();
        private final long base;
        private final Thread sampler;

        HeapPeak() {
            System.gc();
            base = used();
            sampler = new Thread(() -> {
                while (running.get()) {
                    max.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }

        private static long used() {
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        double megabytes() {
            return Math.max(0, max.get() - base) / 1e6;
        }

        @Override
        public void close() {
            running.set(false);
        }
    }
}
