package org.jbec.epics.simioc;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.cas.util.DefaultServerImpl;
import gov.aps.jca.CAException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A simulated EPICS IOC on the JCA/CAJ Channel Access server: {@code SimIoc FILE [--port N]}.
 * Prints one line "sim-ioc ready: N PVs on port P" once serving; stops at EOF on stdin or on SIGTERM.
 * Exit status 2 for a bad command line or file, 1 when the server cannot start.
 */
public final class SimIoc implements AutoCloseable {
    private static final String CAS = CAJServerContext.class.getName();
    /** Held so the level set in run() survives (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger CAS_LOG = java.util.logging.Logger.getLogger(CAS);

    private final CAJServerContext context;
    private final ScheduledExecutorService scheduler;
    private final int port;
    private final List<String> pvNames;
    private boolean closed;

    private SimIoc(CAJServerContext context, ScheduledExecutorService scheduler, int port, List<String> pvNames) {
        this.context = context;
        this.scheduler = scheduler;
        this.port = port;
        this.pvNames = List.copyOf(pvNames);
    }

    /** Builds the PVs and serves them; the caller closes the IOC. */
    public static SimIoc start(IocConfig config) throws CAException {
        DefaultServerImpl server = new DefaultServerImpl();
        List<String> names = new ArrayList<>();
        Map<String, SimMotor> motors = new HashMap<>();
        for (IocConfig.Motor m : config.motors()) motors.put(m.prefix(), new SimMotor(m));
        List<Signals.AnalogInput> inputs = new ArrayList<>();
        for (IocConfig.AnalogIn a : config.analogIn()) inputs.add(new Signals.AnalogInput(a, motors.get(a.follows())));
        List<Signals.SineWaveform> waves = new ArrayList<>();
        for (IocConfig.Waveform w : config.waveforms()) waves.add(new Signals.SineWaveform(w));

        List<SimPv> pvs = new ArrayList<>();
        for (IocConfig.Motor m : config.motors()) pvs.addAll(motors.get(m.prefix()).pvs());
        inputs.forEach(i -> pvs.add(i.pv));
        for (IocConfig.AnalogOut a : config.analogOut())
            pvs.add(SimPv.ofDouble(a.name(), a.value(), a.egu(), a.precision(), SimPv.STORE_DOUBLE));
        waves.forEach(w -> pvs.add(w.pv));
        for (SimPv pv : pvs) {
            server.registerProcessVariable(pv);
            names.add(pv.getName());
        }

        configureServerProperties(config);
        CAJServerContext context = new CAJServerContext(); // reads the system properties set just above
        context.initialize(server); // binds and answers searches from here on
        if (context.getTcpServerPort() != config.port()) {
            // CAJ silently falls back to a random TCP port; a sim IOC must be where its file says
            context.destroy();
            throw new CAException("TCP port " + config.port() + " is already in use");
        }
        // run() only adds beacons, but blocks until shutdown: give it a thread
        Thread runner = new Thread(() -> {
            try {
                context.run(0);
            } catch (CAException | IllegalStateException e) {
                // destroyed while starting: nothing to serve any more
            }
        }, "sim-ioc-cas");
        runner.setDaemon(true);
        runner.start();

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-ioc-update");
            t.setDaemon(true);
            return t;
        });
        long periodNanos = Math.round(1e9 / config.updateHz());
        List<SimMotor> motorList = List.copyOf(motors.values());
        // motors first, so a detector following a motor sees this tick's position
        scheduler.scheduleAtFixedRate(guarded(() -> {
            long now = System.nanoTime();
            motorList.forEach(m -> m.tick(now));
            inputs.forEach(Signals.AnalogInput::update);
        }), periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        if (!waves.isEmpty())
            scheduler.scheduleAtFixedRate(guarded(() -> waves.forEach(Signals.SineWaveform::update)),
                    100, 100, TimeUnit.MILLISECONDS);
        return new SimIoc(context, scheduler, config.port(), names);
    }

    /** Loopback-only beacons on port+1 (see the EPICS notes): test IOCs must not announce themselves to the LAN. */
    private static void configureServerProperties(IocConfig config) {
        int maxLength = config.waveforms().stream().mapToInt(IocConfig.Waveform::length).max().orElse(1);
        System.setProperty(CAS + ".server_port", Integer.toString(config.port()));
        System.setProperty(CAS + ".beacon_port", Integer.toString(config.port() + 1));
        System.setProperty(CAS + ".beacon_addr_list", "127.0.0.1");
        System.setProperty(CAS + ".auto_beacon_addr_list", "false");
        // the default 16384 bytes limits arrays to 2048 doubles; leave room for the DBR header
        System.setProperty(CAS + ".max_array_bytes", Integer.toString(Math.max(16384, 8 * maxLength + 1024)));
    }

    /** A periodic task that throws is cancelled silently by the executor; report and keep going instead. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.err.println("sim-ioc: update failed: " + e);
            }
        };
    }

    public int port() {
        return port;
    }

    public List<String> pvNames() {
        return pvNames;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        scheduler.shutdownNow();
        try {
            context.destroy();
        } catch (CAException | IllegalStateException e) {
            System.err.println("sim-ioc: shutdown: " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** The program, minus System.exit: returns the exit status (tests call this). */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        IocConfig config;
        try {
            Path file = parseArgs(args);
            Integer port = portOption(args);
            config = ConfigParser.parse(file);
            if (port != null) config = config.withPort(port);
        } catch (ConfigError e) {
            err.println("sim-ioc: " + e.getMessage());
            return 2;
        }
        // CAS logs a stack trace at WARNING each time a client goes away mid-request; not news for an operator
        CAS_LOG.setLevel(java.util.logging.Level.SEVERE);
        SimIoc ioc;
        try {
            ioc = start(config);
        } catch (CAException | RuntimeException e) {
            err.println("sim-ioc: cannot serve on port " + config.port() + ": " + e.getMessage());
            return 1;
        }
        Thread hook = new Thread(ioc::close, "sim-ioc-shutdown"); // SIGTERM
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("sim-ioc ready: " + ioc.pvNames().size() + " PVs on port " + ioc.port());
        out.flush();
        try {
            byte[] buf = new byte[256];
            while (in.read(buf) >= 0) {
                // input is ignored: only its end matters
            }
        } catch (IOException e) {
            err.println("sim-ioc: stdin: " + e.getMessage() + "; stopping");
        }
        ioc.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return 0;
    }

    private static Path parseArgs(String[] args) throws ConfigError {
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) i++;
            else if (args[i].startsWith("-")) throw usage("unknown option " + args[i]);
            else if (file != null) throw usage("only one FILE, got " + file + " and " + args[i]);
            else file = args[i];
        }
        if (file == null) throw usage("FILE is missing");
        return Path.of(file);
    }

    private static Integer portOption(String[] args) throws ConfigError {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].equals("--port")) continue;
            if (i + 1 >= args.length) throw usage("--port needs a number");
            try {
                int port = Integer.parseInt(args[i + 1]);
                if (port >= 1 && port <= 65535) return port;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw usage("--port must be a port number (1-65535), got " + args[i + 1]);
        }
        return null;
    }

    private static ConfigError usage(String what) {
        return new ConfigError(what + "\nusage: sim-ioc FILE [--port N]");
    }
}
