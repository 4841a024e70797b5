package org.jbec.bench;

import redis.clients.jedis.Jedis;

/** CPU time of this JVM and of a Redis server, read before and after a measured run. */
public final class CpuTime {

    private CpuTime() {
    }

    /** CPU time of every thread of this JVM, in nanoseconds. */
    public static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** used_cpu_sys + used_cpu_user of the Redis server on this port, in seconds. */
    public static double redisSeconds(int port) {
        double total = 0;
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            for (String line : jedis.info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        return total;
    }
}
