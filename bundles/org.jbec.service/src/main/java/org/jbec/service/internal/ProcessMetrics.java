package org.jbec.service.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process figures of BEC's ServiceMetricMessage (pid, cmdline, process_name, username, hostname,
 * cpu_percent, cpu_times, num_threads, memory_in_mb, memory_used_percent, create_time), from the JVM's
 * own view. cpu_percent is the CPU time used since the previous sample over the wall time between.
 */
final class ProcessMetrics {

    private final String hostname;
    private long lastWall = System.nanoTime();
    private long lastCpu = cpuNanos();

    ProcessMetrics(String hostname) {
        this.hostname = hostname;
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    synchronized Map<String, Object> sample() {
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.Info info = self.info();
        long wall = System.nanoTime();
        long cpu = cpuNanos();
        double cpuPercent = wall > lastWall ? 100.0 * (cpu - lastCpu) / (wall - lastWall) : 0.0;
        lastWall = wall;
        lastCpu = cpu;
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", self.pid());
        m.put("cmdline", info.commandLine().orElse(""));
        m.put("process_name", info.command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("java"));
        m.put("username", info.user().orElse(System.getProperty("user.name", "")));
        m.put("hostname", hostname);
        m.put("cpu_percent", cpuPercent);
        m.put("cpu_times", Map.of("total", cpu / 1e9));
        m.put("num_threads", (long) ManagementFactory.getThreadMXBean().getThreadCount());
        m.put("memory_in_mb", used / (1024.0 * 1024.0));
        m.put("memory_used_percent", 100.0 * used / rt.maxMemory());
        m.put("create_time", info.startInstant().map(i -> i.toEpochMilli() / 1000.0).orElse(0.0));
        return m;
    }
}
