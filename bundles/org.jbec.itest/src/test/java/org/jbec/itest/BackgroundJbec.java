package org.jbec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code jbec} command of this checkout for tests that run jBEC in the background: its servers
 * config and device session in {@code work}, its var/ folder there too (JBEC_VAR).
 */
final class BackgroundJbec {

    private final Path work;

    BackgroundJbec(Path work) {
        this.work = work;
    }

    Path config() {
        return work.resolve("servers.yaml");
    }

    Path devices() {
        return work.resolve("devices.yaml");
    }

    /** Runs {@code jbec ARGS}; its output. Any command but {@code stop} must exit 0. */
    String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ItestRuntime.root().resolve("jbec").toString(), "--config",
                config().toString(), "--devices", devices().toString()));
        command.addAll(List.of(args));
        Path out = work.resolve("jbec-" + args[0] + ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().remove("JBEC_REDIS");
        pb.environment().put("JBEC_VAR", work.resolve("var").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "jbec " + String.join(" ", args) + " finished");
        String text = Files.readString(out);
        if (!args[0].equals("stop")) {
            assertEquals(0, p.exitValue(), text);
        }
        return text;
    }
}
