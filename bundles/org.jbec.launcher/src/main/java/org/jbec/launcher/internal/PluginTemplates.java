package org.jbec.launcher.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a new beamline plugin: pom, an example device class (a counter reading another
 * device), an example scan, an example session, unit tests, an in-framework test and a README. Placeholders: {@code @NAME@}
 * (plugin name), {@code @BSN@} (symbolic name = package), {@code @CLS@} (class prefix),
 * {@code @PARENT@} (the root pom), {@code @ROOT@} (the jBEC checkout).
 */
final class PluginTemplates {

    private PluginTemplates() {
    }

    static Map<String, String> files(String name, String bsn, String cls, String parentPom, String root) {
        String dir = "src/main/java/" + bsn.replace('.', '/') + "/internal/";
        String testDir = "src/test/java/" + bsn.replace('.', '/') + "/internal/";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", POM);
        files.put("README.md", README);
        files.put(dir + "@CLS@Counter.java", COUNTER);
        files.put(dir + "@CLS@CounterFactory.java", COUNTER_FACTORY);
        files.put(dir + "@CLS@CountScan.java", SCAN);
        files.put("config/@NAME@.yaml", SESSION);
        files.put(testDir + "@CLS@CounterTest.java", COUNTER_TEST);
        files.put(testDir + "@CLS@CountScanTest.java", SCAN_TEST);
        files.put(testDir + "@CLS@InFrameworkTest.java", PluginFrameworkTestTemplate.TEST);
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, text) -> out.put(fill(path, name, bsn, cls, parentPom),
                fill(text, name, bsn, cls, parentPom).replace("@ROOT@", root)));
        return out;
    }

    private static String fill(String text, String name, String bsn, String cls, String parentPom) {
        return text.replace("@NAME@", name).replace("@BSN@", bsn).replace("@CLS@", cls).replace("@PARENT@", parentPom);
    }

    private static final String POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0"
                     xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                     xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
              <modelVersion>4.0.0</modelVersion>
              <parent>
                <groupId>org.jbec</groupId>
                <artifactId>jbec</artifactId>
                <version>0.1.0-SNAPSHOT</version>
                <relativePath>@PARENT@</relativePath>
              </parent>
              <artifactId>@BSN@</artifactId>
              <name>jBEC beamline plugin @NAME@</name>
              <description>Device classes and scans of the @NAME@ beamline</description>
              <properties>
                <!-- the jBEC checkout whose runtime the in-framework test boots (built: cnf/target/export) -->
                <jbec.root>@ROOT@</jbec.root>
              </properties>
              <dependencies>
                <!-- plugins depend on API bundles only -->
                <dependency><groupId>org.jbec</groupId><artifactId>org.jbec.device.api</artifactId><version>${project.version}</version></dependency>
                <dependency><groupId>org.jbec</groupId><artifactId>org.jbec.scan.api</artifactId><version>${project.version}</version></dependency>
                <dependency><groupId>org.osgi</groupId><artifactId>osgi.core</artifactId></dependency>
                <dependency><groupId>org.osgi</groupId><artifactId>org.osgi.service.component.annotations</artifactId></dependency>
                <!-- the in-framework test boots jBEC's runtime from this checkout -->
                <dependency><groupId>org.jbec</groupId><artifactId>org.jbec.test.support</artifactId><version>${project.version}</version><scope>test</scope></dependency>
              </dependencies>
              <build>
                <plugins>
                  <plugin><groupId>biz.aQute.bnd</groupId><artifactId>bnd-maven-plugin</artifactId></plugin>
                  <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-jar-plugin</artifactId></plugin>
                </plugins>
              </build>
            </project>
            """;

    private static final String README = """
            # @BSN@

            The @NAME@ beamline's plugin: the device class `@CLS@Counter` and the scan `@NAME@_count`.

            - Build: `mvn -q package` here (or with the whole tree).
            - Deploy while jBEC runs: copy `target/@BSN@-*.jar` into `deploy/`, or in the shell `deploy <jar>`;
              replace the jar to upgrade, delete it to remove the plugin.
            - Try it: add `config/@NAME@.yaml`'s device to a session, then `@NAME@_count 5 --exp_time 0.1`.
            - See `docs/plugins.md` of jBEC for device classes, scans, file formats and commands.
            """;

    private static final String COUNTER = """
            package @BSN@.internal;

            import java.util.List;

            import org.jbec.device.api.Device;
            import org.jbec.device.api.DeviceContext;
            import org.jbec.device.api.DeviceException;
            import org.jbec.device.api.DeviceStatus;
            import org.jbec.device.api.Kind;
            import org.jbec.device.api.Positioner;
            import org.jbec.device.api.Reading;
            import org.jbec.device.api.Signal;
            import org.jbec.device.api.SignalDescription;

            /** An example detector: counts {@code gain} times the position of the motor named {@code ref_motor}. */
            final class @CLS@Counter implements Device {

                private final String name;
                private final DeviceContext context;
                private final String refMotor;
                private final double gain;
                private final Signal counts;

                @CLS@Counter(DeviceContext context) {
                    this.name = context.name();
                    this.context = context;
                    this.refMotor = String.valueOf(context.deviceConfig().get("ref_motor"));
                    this.gain = ((Number) context.deviceConfig().getOrDefault("gain", 1.0)).doubleValue();
                    this.counts = new Signal() {
                        @Override
                        public String name() {
                            return name;
                        }

                        @Override
                        public String attributeName() {
                            return "counts";
                        }

                        @Override
                        public Kind kind() {
                            return Kind.HINTED;
                        }

                        @Override
                        public Reading reading() {
                            return Reading.now(gain * position());
                        }

                        @Override
                        public boolean writable() {
                            return false;
                        }

                        @Override
                        public DeviceStatus put(Object value) {
                            return DeviceStatus.failed(name + " put", new DeviceException(name + " is read-only"));
                        }

                        @Override
                        public SignalDescription describe() {
                            return SignalDescription.number("@NAME@:" + name, "counts", 3);
                        }

                        @Override
                        public AutoCloseable subscribe(java.util.function.Consumer<Reading> listener) {
                            return () -> { };
                        }
                    };
                }

                private double position() {
                    return context.device(refMotor).filter(Positioner.class::isInstance)
                            .map(d -> ((Positioner) d).position())
                            .orElseThrow(() -> new DeviceException(name + ": ref_motor " + refMotor + " is not a motor of the session"));
                }

                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<Signal> signals() {
                    return List.of(counts);
                }
            }
            """;

    private static final String COUNTER_FACTORY = """
            package @BSN@.internal;

            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;

            import org.jbec.device.api.Device;
            import org.jbec.device.api.DeviceContext;
            import org.jbec.device.api.DeviceFactory;
            import org.osgi.service.component.annotations.Component;

            /** The device class {@code @CLS@Counter}: found by the device server through this service. */
            @Component(property = DeviceFactory.DEVICE_CLASS + "=@CLS@Counter")
            public final class @CLS@CounterFactory implements DeviceFactory {

                @Override
                public List<String> check(Map<String, Object> config) {
                    List<String> problems = new ArrayList<>();
                    if (!(config.get("ref_motor") instanceof String)) {
                        problems.add("deviceConfig.ref_motor: required, the name of a motor of the session");
                    }
                    if (config.containsKey("gain") && !(config.get("gain") instanceof Number)) {
                        problems.add("deviceConfig.gain: must be a number");
                    }
                    return problems;
                }

                @Override
                public Device create(DeviceContext context) {
                    return new @CLS@Counter(context);
                }
            }
            """;

    private static final String SCAN = """
            package @BSN@.internal;

            import java.util.List;
            import java.util.Map;

            import org.jbec.scan.api.ArgType;
            import org.jbec.scan.api.Scan;
            import org.jbec.scan.api.ScanContext;
            import org.jbec.scan.api.ScanDefinition;
            import org.jbec.scan.api.ScanDescription;
            import org.jbec.scan.api.ScanParameter;
            import org.jbec.scan.api.ScanRequest;
            import org.osgi.service.component.annotations.Component;

            /**
             * An example scan: {@code @NAME@_count POINTS [--exp_time T]} reads the monitored devices POINTS times
             * where the motors are. Every step goes through the ScanContext (device instructions on the bus).
             */
            @Component(property = "scan.name=@NAME@_count")
            public final class @CLS@CountScan implements ScanDefinition {

                static final ScanDescription DESCRIPTION = new ScanDescription("@NAME@_count", "@CLS@CountScan", true, false,
                        Map.of(), 0, 0, null, List.of(), "Reads the monitored devices a number of times where the motors are.",
                        List.of(ScanParameter.required("points", ArgType.INT).atLeast(1),
                                ScanParameter.keyword("exp_time", ArgType.FLOAT, 0.0).atLeast(0)));

                @Override
                public ScanDescription description() {
                    return DESCRIPTION;
                }

                @Override
                public Scan create(ScanRequest request) {
                    int points = request.integer(0);
                    double expTime = request.number("exp_time");
                    return new Scan() {
                        @Override
                        public void prepare(ScanContext scan) {
                            scan.scanReportDevices(List.of());
                            scan.plan(points, points);
                        }

                        @Override
                        public void core(ScanContext scan) {
                            for (int i = 0; i < points; i++) {
                                scan.trigger().await();
                                if (expTime > 0) {
                                    scan.sleep(expTime);
                                }
                                scan.readMonitored();
                            }
                        }
                    };
                }
            }
            """;

    private static final String SESSION = """
            # An example session entry for @CLS@Counter: add it to a device session (it follows samx)
            @NAME@_counter:
              readoutPriority: monitored
              deviceClass: @CLS@Counter
              deviceConfig: {ref_motor: samx, gain: 10}
              enabled: true
            """;

    private static final String COUNTER_TEST = """
            package @BSN@.internal;

            import static org.junit.jupiter.api.Assertions.assertEquals;
            import static org.junit.jupiter.api.Assertions.assertTrue;

            import java.lang.reflect.Proxy;
            import java.util.Map;
            import java.util.Optional;

            import org.jbec.device.api.DeviceContext;
            import org.jbec.device.api.Positioner;
            import org.junit.jupiter.api.Test;

            class @CLS@CounterTest {

                @Test
                void countsGainTimesTheMotorPosition() {
                    Positioner motor = (Positioner) Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {Positioner.class}, (p, m, a) -> m.getName().equals("position") ? 2.5 : null);
                    DeviceContext context = (DeviceContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {DeviceContext.class}, (p, m, a) -> switch (m.getName()) {
                                case "name" -> "c1";
                                case "deviceConfig" -> Map.of("ref_motor", "samx", "gain", 10.0);
                                case "device" -> Optional.of(motor);
                                default -> null;
                            });
                    assertEquals(25.0, new @CLS@Counter(context).read().get("c1").value());
                    assertTrue(new @CLS@CounterFactory().check(Map.of()).get(0).contains("ref_motor"));
                }
            }
            """;

    private static final String SCAN_TEST = """
            package @BSN@.internal;

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import java.lang.reflect.Proxy;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.atomic.AtomicInteger;

            import org.jbec.scan.api.InstructionStatus;
            import org.jbec.scan.api.ScanContext;
            import org.jbec.scan.api.ScanDescription;
            import org.jbec.scan.api.ScanRequest;
            import org.junit.jupiter.api.Test;

            class @CLS@CountScanTest {

                @Test
                void readsTheMonitoredDevicesOncePerPoint() {
                    AtomicInteger reads = new AtomicInteger();
                    InstructionStatus done = (InstructionStatus) Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {InstructionStatus.class}, (p, m, a) -> m.getName().equals("done") ? true : null);
                    ScanContext scan = (ScanContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                            new Class<?>[] {ScanContext.class}, (p, m, a) -> {
                                if (m.getName().equals("readMonitored")) {
                                    reads.incrementAndGet();
                                }
                                return InstructionStatus.class.equals(m.getReturnType()) ? done : null;
                            });
                    var s = new @CLS@CountScan().create(new ScanRequest("@NAME@_count", List.of(3), Map.of("exp_time", 0.0), Map.of()));
                    s.prepare(scan);
                    s.core(scan);
                    assertEquals(3, reads.get());
                    // what the scan server publishes for it, and reads back, is the same description
                    ScanDescription d = @CLS@CountScan.DESCRIPTION;
                    assertEquals(d.toString(), ScanDescription.fromResource(d.name(), d.toResource()).toString());
                }
            }
            """;
}
