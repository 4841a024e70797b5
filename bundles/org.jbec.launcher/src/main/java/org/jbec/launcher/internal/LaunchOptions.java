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
 * @param deploy    what {@code deploy} asks of the background instance, else null
 */
record LaunchOptions(Command command, String script, String config, String devices, Deploy deploy) {

    enum Command { SHELL, START, STOP, STATUS, RUN, EXEC, DEPLOY, DAEMON, HELP }

    /**
     * {@code jbec deploy plan|apply|status [FILE] [--host NAME]}.
     *
     * @param action plan, apply or status
     * @param file   the descriptor as given, or null for config/deployment.yaml
     * @param host   the host to converge, or null: {@code JBEC_HOST}, else this host's name
     */
    record Deploy(String action, String file, String host) {

        /** The shell statement the background instance runs; relative files are found as for --config. */
        String statement(JbecHome home) {
            StringBuilder s = new StringBuilder("jbec:deploy_" + action);
            if (host != null) {
                s.append(" --host ").append(quoted(host));
            }
            if (file != null) {
                s.append(' ').append(quoted(home.resolveUserPath(file).toString()));
            }
            return s.toString();
        }

        private static String quoted(String word) {
            if (word.contains("'")) {
                throw new IllegalArgumentException("deploy: a quote in '" + word + "' is not supported");
            }
            return "'" + word + "'";
        }
    }

    static final String USAGE = String.join("\n",
            "usage: jbec [--config FILE] [--devices FILE] [COMMAND]",
            "  (none)      build if needed, start jBEC and open the interactive shell",
            "  start       start in the background; returns once every service is ready",
            "  stop        stop the background instance",
            "  status      print the status of the background instance",
            "  run FILE    start, run the Gogo script FILE, stop (exit status 1 if a command failed)",
            "  exec STATEMENT  run one shell statement in the background instance (its owner only)",
            "  deploy plan|apply|status [FILE] [--host NAME]  converge the background instance to its host's",
            "              deployment descriptor (default config/deployment.yaml; host: JBEC_HOST, else this host)",
            "  test        build and run every test (handled by the jbec script)",
            "  bench       benchmarks: codec, bus beside plain Jedis, device server, scans, files, EPICS;"
                    + " 'bench scans|files|epics' for one part (jbec script)",
            "  sim-ioc FILE [--port N]  simulated EPICS IOC from a YAML file (jbec script)",
            "options:",
            "  --config FILE   servers configuration (default config/servers.yaml)",
            "  --devices FILE  device session (default config/demo.yaml)",
            "environment:",
            "  JBEC_REDIS=host:port  overrides the configured Redis address",
            "  JBEC_HOST=NAME        the host deployment descriptors are read for (default: this host's name)",
            "  JBEC_VAR=DIR          run-time state folder instead of var/ (pid, socket, embedded Redis data)");

    /** @throws IllegalArgumentException with a message for the user */
    static LaunchOptions parse(String... args) {
        String config = "config/servers.yaml";
        String devices = "config/demo.yaml";
        String host = System.getenv("JBEC_HOST");
        boolean hostGiven = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> config = value(args, ++i, "--config");
                case "--devices" -> devices = value(args, ++i, "--devices");
                case "--host" -> {
                    host = value(args, ++i, "--host");
                    hostGiven = true;
                }
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
            return new LaunchOptions(Command.SHELL, null, config, devices, null);
        }
        Command command = switch (words.get(0)) {
            case "shell" -> Command.SHELL;
            case "start" -> Command.START;
            case "stop" -> Command.STOP;
            case "status" -> Command.STATUS;
            case "run" -> Command.RUN;
            case "exec" -> Command.EXEC;
            case "deploy" -> Command.DEPLOY;
            case "__daemon" -> Command.DAEMON;
            case "help" -> Command.HELP;
            default -> throw new IllegalArgumentException("unknown command '" + words.get(0) + "'");
        };
        if (hostGiven && command != Command.DEPLOY) {
            throw new IllegalArgumentException("--host goes with deploy only");
        }
        if (command == Command.DEPLOY) {
            return deploy(words, config, devices, host == null || host.isBlank() ? null : host.strip());
        }
        if (command == Command.EXEC) {
            if (words.size() < 2) {
                throw new IllegalArgumentException("exec takes a shell statement");
            }
            return new LaunchOptions(command, String.join(" ", words.subList(1, words.size())), config, devices, null);
        }
        int expected = command == Command.RUN ? 2 : 1;
        if (words.size() != expected) {
            throw new IllegalArgumentException(command == Command.RUN
                    ? "run takes one script file" : "'" + words.get(0) + "' takes no argument");
        }
        return new LaunchOptions(command, command == Command.RUN ? words.get(1) : null, config, devices, null);
    }

    private static LaunchOptions deploy(List<String> words, String config, String devices, String host) {
        String action = words.size() < 2 ? "" : words.get(1);
        if (!List.of("plan", "apply", "status").contains(action)) {
            throw new IllegalArgumentException("deploy takes plan, apply or status");
        }
        int most = action.equals("status") ? 2 : 3;
        if (words.size() > most) {
            throw new IllegalArgumentException("deploy " + action + (most == 2 ? " takes no file" : " takes one file"));
        }
        String file = words.size() == 3 ? words.get(2) : null;
        return new LaunchOptions(Command.DEPLOY, null, config, devices, new Deploy(action, file, host));
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
