package org.jbec.epics.simioc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SimIoc.main as a separate JVM: the ready line, the two ways to stop, the exit status of a bad file. */
class SimIocProcessTest {
    @TempDir
    Path dir;

    @Test
    void readyLineThenStopsAtEndOfStdin() throws Exception {
        Process p = start(goodFile(), "--port", Integer.toString(freePort()));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String ready = out.readLine();
        assertTrue(ready != null && ready.matches("sim-ioc ready: 13 PVs on port \\d+"), "stdout: " + ready);
        p.getOutputStream().close();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running after EOF on stdin");
        assertEquals(0, p.exitValue(), stderr(p));
        assertEquals(null, out.readLine(), "exactly one line on stdout");
    }

    @Test
    void stopsOnSigterm() throws Exception {
        Process p = start(goodFile(), "--port", Integer.toString(freePort()));
        String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertTrue(ready != null && ready.startsWith("sim-ioc ready:"), "stdout: " + ready);
        // SIGTERM with stdin still open (Process.destroy() would also close stdin, racing the EOF path)
        p.toHandle().destroy();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "still running after SIGTERM");
        assertEquals(143, p.exitValue());
        String err = stderr(p);
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    void badFileExitsWith2NamingTheItem() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "motors:\n  - {prefix: \"B:M1\", velocity: 1}\n  - {velocity: 2}\n");
        Process p = start(bad);
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        String err = stderr(p);
        assertEquals(2, p.exitValue(), err);
        assertEquals("sim-ioc: " + bad + ": motors[1]: 'prefix' is missing\n", err);
    }

    private Path goodFile() throws Exception {
        Path f = dir.resolve("ioc.yaml");
        Files.writeString(f, "motors: [{prefix: \"P:M1\"}]\nanalog_out: [{name: \"P:AO\"}]\n");
        return f;
    }

    /** stderr goes to a file: Process.destroy() closes the pipes, and we want to read it afterwards. */
    private Process start(Path file, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-DCA_DISABLE_REPEATER=true",
                "-cp", System.getProperty("java.class.path"), SimIoc.class.getName(), file.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private String stderr(Process p) throws Exception {
        p.waitFor(10, TimeUnit.SECONDS);
        return Files.readString(dir.resolve("stderr.txt"));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
