package org.jbec.launcher.internal;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The background instance: {@code start} spawns a child JVM running {@code __daemon} and returns
 * once it is ready; the daemon writes var/jbec.pid and serves the control socket; {@code stop}
 * sends SIGTERM (the shutdown hook stops the framework and the embedded Redis cleanly);
 * {@code status} asks the daemon for {@code jbec:status}.
 */
final class Daemon {

    private final JbecHome home;

    Daemon(JbecHome home) {
        this.home = home;
    }

    /** Runs in the child JVM. */
    int run(LaunchOptions options) throws LaunchException {
        try (JbecInstance instance = JbecInstance.start(home, options, false);
                ControlChannel control = ControlChannel.serve(home.controlSocket(),
                        () -> instance.framework().context())) {
            instance.openConsole();
            instance.awaitReady(JbecInstance.READY_WITHIN);
            Files.writeString(home.pidFile(), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
            System.out.println("jBEC daemon ready, pid " + ProcessHandle.current().pid());
            instance.awaitStop();
            return 0;
        } catch (IOException e) {
            throw new LaunchException("cannot serve the control socket " + home.controlSocket() + ": "
                    + e.getMessage(), 1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            removeIfOurs();
        }
    }

    private void removeIfOurs() {
        if (runningPid().orElse(-1L) == ProcessHandle.current().pid()) {
            try {
                Files.deleteIfExists(home.pidFile());
            } catch (IOException e) {
                // a stale pid file is detected as stale at the next start
            }
        }
    }

    /** {@code jbec start}. */
    int spawn(LaunchOptions options) throws LaunchException {
        Optional<Long> running = runningPid();
        if (running.isPresent()) {
            throw new LaunchException("jBEC is already running (pid " + running.get() + "); 'jbec stop' first", 1);
        }
        long started = System.nanoTime();
        Path consoleLog = home.logs().resolve("console.out");
        Process child;
        try {
            Files.createDirectories(home.logs());
            Files.deleteIfExists(home.pidFile());
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(options.daemonArgs());
            child = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(consoleLog.toFile()))
                    .start();
        } catch (IOException e) {
            throw new LaunchException("cannot start the background JVM: " + e.getMessage(), 1, e);
        }
        long deadline = System.nanoTime() + JbecInstance.READY_WITHIN.plusSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new LaunchException("jBEC did not start (exit " + child.exitValue() + "):\n"
                        + tail(consoleLog, 20), 1);
            }
            if (runningPid().orElse(-1L) == child.pid()) {
                System.out.printf(Locale.ROOT, "jBEC started in %.2f s, pid %d (log: %s)%n",
                        (System.nanoTime() - started) / 1e9, child.pid(), home.logs());
                // the launcher's own warnings (a web port in use, the web view off) are for the operator,
                // who would otherwise find them only in the log
                launcherWarnings(consoleLog).forEach(System.err::println);
                return 0;
            }
            try {
                child.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        child.destroy();
        throw new LaunchException("jBEC was not ready in time; it was stopped:\n" + tail(consoleLog, 20), 1);
    }

    /** {@code jbec stop}. */
    int stop() throws LaunchException {
        Optional<Long> pid = runningPid();
        if (pid.isEmpty()) {
            System.out.println("jBEC is not running");
            return 0;
        }
        ProcessHandle process = ProcessHandle.of(pid.get()).orElseThrow();
        process.destroy();
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new LaunchException("jBEC (pid " + pid.get() + ") did not stop within 60 s; killed", 1);
        } catch (Exception e) {
            throw new LaunchException("waiting for pid " + pid.get() + " failed: " + e.getMessage(), 1, e);
        }
        System.out.println("jBEC stopped (pid " + pid.get() + ")");
        return 0;
    }

    /** {@code jbec status}: 0 when running, 3 when not (as LSB init scripts do). */
    int status() throws LaunchException {
        if (runningPid().isEmpty()) {
            System.out.println("jBEC is not running");
            return 3;
        }
        try {
            ControlChannel.Reply reply = ControlChannel.request(home.controlSocket(), "jbec:status");
            System.out.println(reply.output());
            return reply.exit();
        } catch (IOException e) {
            throw new LaunchException("jBEC runs but does not answer on " + home.controlSocket() + ": "
                    + e.getMessage(), 1, e);
        }
    }

    /** {@code jbec exec STATEMENT}: one shell statement in the background instance; its exit status. */
    int exec(String statement) throws LaunchException {
        if (runningPid().isEmpty()) {
            System.out.println("jBEC is not running");
            return 3;
        }
        try {
            ControlChannel.Reply reply = ControlChannel.request(home.controlSocket(), statement);
            System.out.println(reply.output());
            return reply.exit();
        } catch (IOException e) {
            throw new LaunchException("jBEC runs but does not answer on " + home.controlSocket() + ": "
                    + e.getMessage(), 1, e);
        }
    }

    /** The pid in var/jbec.pid when that process is alive and is a JVM. */
    Optional<Long> runningPid() {
        try {
            long pid = Long.parseLong(Files.readString(home.pidFile(), StandardCharsets.UTF_8).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(true))
                    .map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The lines the launcher printed as {@code jbec: ...} in the background JVM's output. */
    static List<String> launcherWarnings(Path consoleLog) {
        try {
            return Files.readAllLines(consoleLog, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("jbec: ")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output in " + file + ")";
        }
    }
}
