package org.jbec.launcher.internal;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;

/** Entry point of the {@code jbec} command: see {@link LaunchOptions#USAGE}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(LaunchOptions.parse(args), JbecHome.fromSystem());
        } catch (IllegalArgumentException e) {
            System.err.println("jbec: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            status = 2;
        } catch (LaunchException e) {
            System.err.println("jbec: " + e.getMessage());
            status = e.exitStatus();
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(LaunchOptions options, JbecHome home) throws LaunchException {
        return switch (options.command()) {
            case HELP -> {
                System.out.println(LaunchOptions.USAGE);
                yield 0;
            }
            case SHELL -> shell(options, home);
            case RUN -> script(options, home);
            case DAEMON -> new Daemon(home).run(options);
            case START -> new Daemon(home).spawn(options);
            case STOP -> new Daemon(home).stop();
            case STATUS -> new Daemon(home).status();
            case EXEC -> new Daemon(home).exec(options.script());
            case DEPLOY -> new Daemon(home).exec(options.deploy().statement(home));
        };
    }

    private static int shell(LaunchOptions options, JbecHome home) throws LaunchException {
        long start = System.nanoTime();
        try (JbecInstance instance = JbecInstance.start(home, options, true)) {
            System.out.println(banner(instance, start));
            instance.openConsole();
            instance.awaitStop();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    static String banner(JbecInstance instance, long startNanos) {
        RedisForFramework redis = instance.redis();
        return String.format(Locale.ROOT, "jBEC ready in %.2f s on Felix %s; Redis %s%s%n"
                        + "Type 'help' for commands, 'status' for the system; Ctrl-D or 'exit 0' stops jBEC.",
                (System.nanoTime() - startNanos) / 1e9, instance.framework().version(), redis.address(),
                redis.embedded().isPresent() ? " (embedded: " + redis.embeddedDescription() + ")" : " (external)");
    }

    /** {@code jbec run FILE}: every statement's result is printed; the first failure ends the script. */
    private static int script(LaunchOptions options, JbecHome home) throws LaunchException {
        String text;
        try {
            text = Files.readString(home.resolveUserPath(options.script()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchException(options.script() + ": cannot read script: " + e.getMessage(), 2, e);
        }
        try (JbecInstance instance = JbecInstance.start(home, options, false)) {
            instance.openConsole();
            instance.awaitReady(JbecInstance.READY_WITHIN);
            // Gogo replaces System.out with a per-thread stream; the session must write to the real one
            PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            return runStatements(instance, options.script(), text, stdout);
        }
    }

    static int runStatements(JbecInstance instance, String name, String text, PrintStream out)
            throws LaunchException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (GogoSession session = GogoSession.open(instance.framework().context(), Duration.ofSeconds(10), out,
                err)) {
            for (ScriptStatements.Statement statement : ScriptStatements.split(text)) {
                try {
                    String result = session.execute(statement.text());
                    if (!result.isEmpty()) {
                        out.println(result);
                    }
                } catch (Exception e) {
                    out.flush();
                    System.err.print(err.toString(StandardCharsets.UTF_8));
                    System.err.println(name + ":" + statement.line() + ": " + firstLine(statement.text())
                            + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    if (Boolean.getBoolean("jbec.debug")) {
                        e.printStackTrace();
                    }
                    return 1;
                }
            }
            System.err.print(err.toString(StandardCharsets.UTF_8));
            return 0;
        } catch (LaunchException e) {
            throw e;
        } catch (Exception e) {
            throw new LaunchException("cannot open a command session: " + e.getMessage(), 1, e);
        }
    }

    private static String firstLine(String statement) {
        int nl = statement.indexOf('\n');
        return nl < 0 ? statement : statement.substring(0, nl) + " …";
    }
}
