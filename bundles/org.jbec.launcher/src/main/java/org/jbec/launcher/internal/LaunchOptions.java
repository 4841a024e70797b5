package org.jbec.launcher.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code jbec}: {@code [--config FILE] [--devices FILE] [COMMAND [ARG]]}.
 *
 * @param command   shell (default), start, stop, status, run, or the internal daemon
 * @param script    the Gogo script of {@code run}
 * @param config    servers configuration, as given (relative to the jBEC home)
 * @param devices   device session to load, as given
 */
record LaunchOptions(Command command, String script, String config, String devices) {

    enum Command { SHELL, START, STOP, STATUS, RUN, EXEC, DAEMON, HELP }

    static final String USAGE = String.join("\n",
            "usage: jbec [--config FILE] [--devices FILE] [COMMAND]",
            "  (none)      build if needed, start jBEC and open the interactive shell",
            "  start       start in the background; returns once every service is ready",
            "  stop        stop the background instance",
            "  status      print the status of the background instance",
            "  run FILE    start, run the Gogo script FILE, stop (exit status 1 if a command failed)",
            "  exec STATEMENT  run one shell statement in the background instance (its owner only)",
            "  test        build and run every test (handled by the jbec script)",
            "  bench       benchmarks: codec, bus beside plain Jedis, device server, scans, files, EPICS;"
                    + " 'bench scans|files|epics' for one part (jbec script)",
            "  sim-ioc FILE [--port N]  simulated EPICS IOC from a YAML file (jbec script)",
            "options:",
            "  --config FILE   servers configuration (default config/servers.yaml)",
            "  --devices FILE  device session (default config/demo.yaml)",
            "environment:",
            "  JBEC_REDIS=host:port  overrides the configured Redis address",
            "  JBEC_VAR=DIR          run-time state folder instead of var/ (pid, socket, embedded Redis data)");

    /** @throws IllegalArgumentException with a message for the user */
    static LaunchOptions parse(String... args) {
        String config = "config/servers.yaml";
        String devices = "config/demo.yaml";
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = value(args, ++i, "--config");
                case "--devices" -> devices = value(args, ++i, "--devices");
                case "-h", "--help", "help" -> words.add("help");
                default -> {
                    if (args[i].startsWith("--config=")) {
                        config = args[i].substring("--config=".length());
                    } else if (args[i].startsWith("--devices=")) {
                        devices = args[i].substring("--devices=".length());
                    } else if (args[i].startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + args[i]);
                    } else {
                        words.add(args[i]);
                    }
                }
            }
        }
        if (words.isEmpty()) {
            return new LaunchOptions(Command.SHELL, null, config, devices);
        }
        Command command = switch (words.get(0)) {
            case "shell" -> Command.SHELL;
            case "start" -> Command.START;
            case "stop" -> Command.STOP;
            case "status" -> Command.STATUS;
            case "run" -> Command.RUN;
            case "exec" -> Command.EXEC;
            case "__daemon" -> Command.DAEMON;
            case "help" -> Command.HELP;
            default -> throw new IllegalArgumentException("unknown command '" + words.get(0) + "'");
        };
        if (command == Command.EXEC) {
            if (words.size() < 2) {
                throw new IllegalArgumentException("exec takes a shell statement");
            }
            return new LaunchOptions(command, String.join(" ", words.subList(1, words.size())), config, devices);
        }
        int expected = command == Command.RUN ? 2 : 1;
        if (words.size() != expected) {
            throw new IllegalArgumentException(command == Command.RUN
                    ? "run takes one script file" : "'" + words.get(0) + "' takes no argument");
        }
        return new LaunchOptions(command, command == Command.RUN ? words.get(1) : null, config, devices);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a file");
        }
        return args[i];
    }

    /** Arguments that make a daemon child use the same files. */
    List<String> daemonArgs() {
        return List.of("--config", config, "--devices", devices, "__daemon");
    }

    Path configPath(JbecHome home) {
        return home.resolveUserPath(config);
    }

    Path devicesPath(JbecHome home) {
        return home.resolveUserPath(devices);
    }
}
