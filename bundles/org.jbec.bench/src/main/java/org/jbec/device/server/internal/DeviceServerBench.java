package org.jbec.device.server.internal;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.config.DeviceSession;
import org.jbec.config.DeviceSessionReader;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.sim.internal.SimMonitorFactory;
import org.jbec.device.sim.internal.SimPositionerFactory;
import org.jbec.service.internal.AlarmPublisher;
import org.jbec.service.internal.ServiceLifecycle;

/**
 * Device server figures (issue 4): time to load a 1000-device simulated session, and the CPU the
 * server uses publishing 200 devices that update at 100 Hz. It lives in the device server's
 * package to build the server as the framework would, without a framework.
 */
public final class DeviceServerBench {

    private final Connector bus;

    public DeviceServerBench(Connector bus) {
        this.bus = bus;
    }

    private DeviceServer server(ServiceLifecycle lifecycle) throws InterruptedException {
        DeviceServer server = new DeviceServer(bus, new AlarmPublisher(bus), lifecycle, (Path) null);
        server.addFactory(new SimPositionerFactory(), Map.of(DeviceFactory.DEVICE_CLASS,
                new String[] {"ophyd_devices.SimPositioner"}));
        server.addFactory(new SimMonitorFactory(), Map.of(DeviceFactory.DEVICE_CLASS,
                new String[] {"ophyd_devices.SimMonitor"}));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.running() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return server;
    }

    static String session(int positioners, int monitors, String positionerConfig) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < positioners; i++) {
            yaml.append("m").append(i).append(":\n  readoutPriority: baseline\n  deviceClass: ophyd_devices.SimPositioner\n")
                    .append("  deviceConfig: ").append(positionerConfig).append("\n  enabled: true\n");
        }
        for (int i = 0; i < monitors; i++) {
            yaml.append("d").append(i).append(":\n  readoutPriority: monitored\n  deviceClass: ophyd_devices.SimMonitor\n")
                    .append("  deviceConfig: {ref_motor: m0}\n  enabled: true\n");
        }
        return yaml.toString();
    }

    /** Seconds to read, validate and build a session of {@code n} devices (3/4 positioners, 1/4 monitors). */
    public double loadSeconds(int n) throws Exception {
        ServiceLifecycle lifecycle = new ServiceLifecycle(bus, "bench", Duration.ofSeconds(8));
        DeviceServer server = server(lifecycle);
        try {
            String yaml = session(n * 3 / 4, n - n * 3 / 4, "{delay: 0, limits: [-50, 50]}");
            long start = System.nanoTime();
            DeviceSession session = new DeviceSessionReader().read(new StringReader(yaml), Path.of("."), "bench.yaml");
            server.load(session);
            double seconds = (System.nanoTime() - start) / 1e9;
            long up = server.states().values().stream().filter("up"::equals).count();
            if (up != n) {
                throw new IllegalStateException(up + " of " + n + " devices came up");
            }
            return seconds;
        } finally {
            server.stop();
            lifecycle.stop();
        }
    }

    /**
     * 200 positioners stepping at 100 Hz (slow velocity, so they never arrive) for {@code seconds}:
     * the CPU time of this process over the wall time (1.0 = one core), and readbacks published.
     */
    public double[] publishing(int devices, double seconds) throws Exception {
        ServiceLifecycle lifecycle = new ServiceLifecycle(bus, "bench", Duration.ofSeconds(8));
        DeviceServer server = server(lifecycle);
        AtomicLong published = new AtomicLong();
        try (Subscription s = bus.subscribe(Endpoints.deviceReadback("*"), e -> published.incrementAndGet())) {
            server.load(new DeviceSessionReader().read(new StringReader(session(devices, 0,
                    "{delay: 1, update_frequency: 100, velocity: 0.001, tolerance: 0.0001}")), Path.of("."), "b.yaml"));
            for (int i = 0; i < devices; i++) {
                server.session().sessionDevices(); // warm
                bus.send(Endpoints.deviceInstructions(), new org.jbec.bus.api.message.DeviceInstructionMessage(
                        null, "m" + i, "set", Map.of("value", 40.0)));
            }
            TimeUnit.SECONDS.sleep(2); // all moving
            long cpu0 = cpu();
            long wall0 = System.nanoTime();
            long pub0 = published.get();
            TimeUnit.MILLISECONDS.sleep((long) (seconds * 1000));
            double wall = (System.nanoTime() - wall0) / 1e9;
            return new double[] {(cpu() - cpu0) / 1e9 / wall, (published.get() - pub0) / wall};
        } finally {
            server.stop();
            lifecycle.stop();
        }
    }

    private static long cpu() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    public static void print(Connector bus, boolean quick) throws Exception {
        DeviceServerBench bench = new DeviceServerBench(bus);
        bench.loadSeconds(200); // warm-up
        double load = bench.loadSeconds(1000);
        System.out.printf(Locale.ROOT, "device server: 1000-device sim session loaded and built in %.2f s%n", load);
        double[] p = bench.publishing(200, quick ? 5 : 10);
        System.out.printf(Locale.ROOT, "device server: 200 devices at 100 Hz: %.2f cores of CPU (whole process), "
                + "%.0f readbacks published/s (%.0f updates/s produced)%n", p[0], p[1], 200 * 100.0);
    }

}
