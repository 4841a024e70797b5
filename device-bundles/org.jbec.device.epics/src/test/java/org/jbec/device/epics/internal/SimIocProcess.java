package org.jbec.device.epics.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The simulated IOC (bundles/org.jbec.epics.simioc) in its own process, as a real IOC would be. */
final class SimIocProcess implements AutoCloseable {

    static final String CONFIG = """
            update_hz: 100
            motors:
              - {prefix: "T:MTR1", velocity: 5.0, low_limit: -10, high_limit: 10, egu: mm, precision: 3, position: 0}
            analog_in:
              - {name: "T:DET1", follows: "T:MTR1", center: 0.0, sigma: 1.0, amplitude: 100.0, noise: 0.0, egu: counts}
            analog_out:
              - {name: "T:AO1", value: 0.0, egu: V}
            """;

    final int port;
    private final Path config;
    private Process process;

    SimIocProcess(Path dir) throws IOException {
        this(dir, freePort());
    }

    /** Another IOC on a given port (the same IOC restarted). */
    SimIocProcess(Path dir, int port) throws IOException {
        this.port = port;
        config = Files.writeString(dir.resolve("ioc.yaml"), CONFIG);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    SimIocProcess start() throws Exception {
        Path module = Path.of(System.getProperty("jbec.root", "../..")).resolve("bundles/org.jbec.epics.simioc/target");
        String cp;
        try (var jars = Files.list(module)) {
            Path jar = jars.filter(p -> p.getFileName().toString().matches("org\\.jbec\\.epics\\.simioc-.*\\.jar")
                    && !p.getFileName().toString().contains("tests")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build bundles/org.jbec.epics.simioc first"));
            cp = jar + java.io.File.pathSeparator + module.resolve("lib") + "/*";
        }
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DCA_DISABLE_REPEATER=true", "-cp", cp, "org.jbec.epics.simioc.SimIoc", config.toString(), "--port",
                Integer.toString(port)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = out.readLine()) != null) {
                    seen.append(line).append('\n');
                    if (line.startsWith("sim-ioc ready")) {
                        return line;
                    }
                }
                throw new IllegalStateException("sim IOC ended: " + seen);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ready.get(30, TimeUnit.SECONDS);
        return this;
    }

    /** Kills the IOC, as a crash or a power cut would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
