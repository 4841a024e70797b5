package org.jbec.device.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.DeviceInfoMessage;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.DeviceConfigMessage;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.config.ConfigException;
import org.jbec.config.DeviceSession;
import org.jbec.config.DeviceSessionReader;
import org.jbec.device.api.DeviceFactory;
import org.jbec.device.sim.internal.SimMonitorFactory;
import org.jbec.device.sim.internal.SimPositionerFactory;
import org.jbec.service.internal.AlarmPublisher;
import org.jbec.service.internal.ServiceLifecycle;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The device server with BEC's simulated devices on a real Redis, driven through the bus. */
@ExtendWith(RedisServerExtension.class)
class DeviceServerTest {

    static final Duration WITHIN = Duration.ofSeconds(10);
    static final String SESSION = """
            samx:
              readoutPriority: baseline
              deviceClass: ophyd_devices.SimPositioner
              deviceConfig: {delay: 0, limits: [-50, 50], tolerance: 0.01}
              enabled: true
            bpm4i:
              readoutPriority: monitored
              deviceClass: ophyd_devices.SimMonitor
              deviceConfig:
                noise: none
                ref_motor: samx
                sim_init: {model: GaussianModel, params: {amplitude: 100, center: 2, sigma: 1}}
              enabled: true
              needs: [samx]
            samy:
              readoutPriority: baseline
              deviceClass: ophyd_devices.NotInstalled
              enabled: true
            samz:
              readoutPriority: baseline
              deviceClass: ophyd_devices.SimPositioner
              deviceConfig: {delay: 0}
              enabled: true
              readOnly: true
            """;

    private JedisConnector bus;
    private ServiceLifecycle lifecycle;
    private DeviceServer server;
    private final SimPositionerFactory positioners = new SimPositionerFactory();
    private final LinkedBlockingQueue<BusEvent> responses = new LinkedBlockingQueue<>();

    static JedisConnector connector(int port) throws InterruptedException {
        JedisConnector c = JedisConnector.open("127.0.0.1", port);
        Await.until("bus connected", () -> c.state() == ConnectionState.CONNECTED);
        return c;
    }

    private static Map<String, Object> classes(String... names) {
        return Map.of(DeviceFactory.DEVICE_CLASS, names);
    }

    @BeforeEach
    void start(PrivateRedis redis) throws Exception {
        bus = connector(redis.port());
        lifecycle = new ServiceLifecycle(bus, "test", Duration.ofMillis(500));
        server = new DeviceServer(bus, new AlarmPublisher(bus), lifecycle, (Path) null);
        server.addFactory(positioners, classes("ophyd_devices.SimPositioner"));
        server.addFactory(new SimMonitorFactory(), classes("ophyd_devices.SimMonitor"));
        bus.subscribe(Endpoints.deviceInstructionsResponse(), responses::add);
        Await.until("device server running", server::running);
        server.load(session("session.yaml", SESSION));
    }

    @AfterEach
    void stop() {
        server.stop();
        lifecycle.stop();
        bus.close();
    }

    private DeviceInstructionResponse instruct(String device, String action, Map<String, Object> parameter)
            throws InterruptedException {
        String id = java.util.UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("device_instr_id", id);
        metadata.put("scan_id", "s-1");
        bus.send(Endpoints.deviceInstructions(), new DeviceInstructionMessage(metadata, device, action, parameter));
        while (true) {
            BusEvent e = responses.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no final response to " + action + " " + device);
            }
            DeviceInstructionResponse r = e.as(DeviceInstructionResponse.class);
            if (r.instructionId().equals(id) && !r.status().equals("running")) {
                return r;
            }
        }
    }

    /** A device session from YAML text, as if read from {@code file}. */
    private static DeviceSession session(String file, String yaml) throws ConfigException {
        return new DeviceSessionReader().read(new StringReader(yaml), Path.of("."), file);
    }

    @Test
    void sessionIsPersistedAndDevicesPublished() {
        List<?> persisted = (List<?>) bus.get(Endpoints.deviceConfig()).map(AvailableResourceMessage::resource).orElseThrow();
        assertEquals(4, persisted.size());
        assertEquals("samx", ((Map<?, ?>) persisted.get(0)).get("name"));
        DeviceInfoMessage info = bus.get(Endpoints.deviceInfo("samx")).orElseThrow();
        assertEquals("positioner", info.info().get("device_base_class"));
        assertTrue(((Map<?, ?>) info.info().get("custom_user_access")).containsKey("readback"));
        assertTrue(bus.get(Endpoints.deviceReadback("samx")).orElseThrow().signals().containsKey("samx_setpoint"));
        assertEquals("down: no device class ophyd_devices.NotInstalled is installed", server.states().get("samy"));
        assertEquals("up", server.states().get("bpm4i"));
    }

    @Test
    void setMovesAndPublishesWithTheInstructionMetadata() throws Exception {
        LinkedBlockingQueue<BusEvent> readbacks = new LinkedBlockingQueue<>();
        try (Subscription s = bus.subscribe(Endpoints.deviceReadback("samx"), readbacks::add)) {
            DeviceInstructionResponse r = instruct("samx", "set", Map.of("value", 2.0));
            assertEquals("completed", r.status(), String.valueOf(r.errorInfo()));
            DeviceMessage m;
            do {
                m = readbacks.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).as(DeviceMessage.class);
            } while (!Double.valueOf(2.0).equals(((Map<?, ?>) m.signals().get("samx")).get("value")));
            assertEquals("s-1", m.metadata().get("scan_id"));
        }
        DeviceInstructionResponse read = instruct("bpm4i", "read", Map.of("return_result", true));
        assertEquals("completed", read.status());
        Map<?, ?> reading = (Map<?, ?>) ((List<?>) read.result()).get(0);
        assertEquals(39L, ((Map<?, ?>) reading.get("bpm4i")).get("value"), "the gauss peak at samx = 2");
        assertEquals("s-1", bus.get(Endpoints.deviceRead("bpm4i")).orElseThrow().metadata().get("scan_id"));
    }

    @Test
    void instructionsAskingForAResponseLeaveARequestStatus() throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("device_instr_id", id);
        metadata.put("RID", "rid-umv");
        metadata.put("response", true);
        LinkedBlockingQueue<BusEvent> status = new LinkedBlockingQueue<>();
        try (Subscription s = bus.subscribeStream(Endpoints.deviceReqStatus("rid-umv"), org.jbec.bus.api.StreamStart.FROM_START,
                status::add)) {
            bus.send(Endpoints.deviceInstructions(), new DeviceInstructionMessage(metadata, "samx", "set", Map.of("value", 1.0)));
            var done = status.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).as(org.jbec.bus.api.message.DeviceReqStatusMessage.class);
            assertTrue(done.success());
            assertEquals("samx", done.device());
        }
    }

    @Test
    void wrongMessagesOnItsChannelsAreIgnoredAndTheServerGoesOn() throws Exception {
        // a raw client can put anything on a channel: a VariableMessage where instructions are expected
        try (redis.clients.jedis.Jedis raw = new redis.clients.jedis.Jedis("127.0.0.1", bus.address().port())) {
            raw.publish("internal/devices/instructions".getBytes(), new org.jbec.bus.redis.internal.codec.MsgpackCodec()
                    .encode(new org.jbec.bus.api.message.VariableMessage(null, "junk")));
            raw.publish("user/devices/config_request".getBytes(), new byte[] {1, 2, 3});
            raw.publish("internal/devices/instructions".getBytes(), "not msgpack at all".getBytes());
        }
        assertEquals("completed", instruct("samx", "set", Map.of("value", 0.5)).status());
        assertTrue(bus.decodeErrors() >= 1, "the undecodable payload was counted");
    }

    @Test
    void errorsNameTheDeviceAndTheReason() throws Exception {
        DeviceInstructionResponse unknown = instruct("samq", "set", Map.of("value", 1.0));
        assertEquals("error", unknown.status());
        assertEquals("There is no device with the name samq.", unknown.errorInfo().errorMessage());
        DeviceInstructionResponse limit = instruct("samx", "set", Map.of("value", 60.0));
        assertEquals("error", limit.status());
        assertTrue(limit.errorInfo().compactErrorMessage().contains("LimitError"), limit.errorInfo().compactErrorMessage());
        DeviceInstructionResponse readOnly = instruct("samz", "set", Map.of("value", 1.0));
        assertTrue(readOnly.errorInfo().compactErrorMessage().contains("Setting the device samz is currently disabled."));
        DeviceInstructionResponse missing = instruct("samy", "read", Map.of());
        assertTrue(missing.errorInfo().errorMessage().contains("not available"), missing.errorInfo().errorMessage());
        assertNull(instruct("samx", "stage", Map.of()).errorInfo());
    }

    @Test
    void aDeviceClassLeavingAndComingBackRebuildsItsDevicesWithTheirPositions() throws Exception {
        assertEquals("completed", instruct("samx", "set", Map.of("value", 3.0)).status());
        server.removeFactory(positioners, classes("ophyd_devices.SimPositioner"));
        assertEquals("down: device class ophyd_devices.SimPositioner was removed", server.states().get("samx"));
        assertEquals("up", server.states().get("bpm4i"), "other devices stay");
        SimPositionerFactory newVersion = new SimPositionerFactory();
        server.addFactory(newVersion, classes("ophyd_devices.SimPositioner"));
        Await.until("samx rebuilt", () -> "up".equals(server.states().get("samx")));
        DeviceInstructionResponse read = instruct("samx", "read", Map.of("return_result", true));
        Map<?, ?> reading = (Map<?, ?>) ((List<?>) read.result()).get(0);
        assertEquals(3.0, ((Map<?, ?>) reading.get("samx")).get("value"), "position restored");
    }

    private RequestResponseMessage request(String action, Map<String, Object> config) throws InterruptedException {
        String rid = java.util.UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("RID", rid);
        bus.send(Endpoints.deviceConfigRequest(), new DeviceConfigMessage(metadata, action, config));
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            var reply = bus.get(Endpoints.deviceConfigRequestResponse(rid));
            if (reply.isPresent()) {
                return reply.get();
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("no reply to config " + action);
    }

    private static Map<String, Object> device(String deviceClass, Map<String, Object> deviceConfig) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("enabled", true);
        d.put("deviceClass", deviceClass);
        d.put("readoutPriority", "baseline");
        d.put("deviceConfig", deviceConfig);
        d.put("deviceTags", new java.util.LinkedHashSet<>(List.of("added")));
        return d;
    }

    @Test
    void configRequestsChangeTheSessionOrLeaveItAsItWas() throws Exception {
        LinkedBlockingQueue<BusEvent> updates = new LinkedBlockingQueue<>();
        bus.subscribe(Endpoints.deviceConfigUpdate(), updates::add);

        RequestResponseMessage add = request("add", Map.of("samq", device("ophyd_devices.SimPositioner", Map.of("delay", 0))));
        assertTrue(add.accepted(), String.valueOf(add.message()));
        assertEquals("up", server.states().get("samq"));
        assertEquals("add", updates.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).as(DeviceConfigMessage.class).action());
        assertEquals(5, ((List<?>) bus.get(Endpoints.deviceConfig()).orElseThrow().resource()).size());

        RequestResponseMessage again = request("add", Map.of("samq", device("ophyd_devices.SimPositioner", Map.of())));
        assertFalse(again.accepted());
        assertTrue(String.valueOf(again.message()).contains("samq: a device of this name is already in the session"));

        RequestResponseMessage badField = request("update", Map.of("samq", Map.of("needs", List.of("samx"))));
        assertFalse(badField.accepted());
        assertTrue(String.valueOf(badField.message()).contains("Cannot update key needs"), String.valueOf(badField.message()));

        RequestResponseMessage badValue = request("update", Map.of("samq", Map.of("readoutPriority", "often")));
        assertFalse(badValue.accepted());
        assertTrue(String.valueOf(badValue.message()).contains("samq.readoutPriority: 'often' is not one of"));

        RequestResponseMessage disable = request("update", Map.of("samq", Map.of("enabled", false)));
        assertTrue(disable.accepted());
        assertEquals("disabled", server.states().get("samq"));

        RequestResponseMessage limits = request("update", Map.of("samx", Map.of("deviceConfig", Map.of("limits", List.of(-5, 5)))));
        assertTrue(limits.accepted(), String.valueOf(limits.message()));
        DeviceInstructionResponse outside = instruct("samx", "set", Map.of("value", 7.0));
        assertEquals("error", outside.status(), "the merged deviceConfig is live: new limits");

        assertFalse(bus.keys(Endpoints.serviceResponse("*")).isEmpty(), "the device server acknowledges changes");

        RequestResponseMessage remove = request("remove", Map.of("samq", Map.of()));
        assertTrue(remove.accepted());
        assertNull(server.states().get("samq"));
        assertFalse(request("remove", Map.of("nope", Map.of())).accepted());

        RequestResponseMessage reset = request("reset", null);
        assertTrue(reset.accepted());
        assertEquals(Map.of(), server.states());
        assertEquals(1, bus.llen(Endpoints.deviceConfigHistory()), "the replaced session is kept");
    }

    @Test
    void becsDemoSessionComesUpWhereItsClassesExist() throws Exception {
        server.addFactory(new org.jbec.device.sim.internal.ComputedSignalFactory(),
                Map.of(DeviceFactory.DEVICE_CLASS, new String[] {"ophyd_devices.ComputedSignal"},
                        DeviceFactory.BUILD_LAST, true));
        server.addFactory(new org.jbec.device.sim.internal.SimCameraFactory(), classes("ophyd_devices.SimCamera"));
        server.addFactory(new org.jbec.device.sim.internal.SimWaveformFactory(), classes("ophyd_devices.SimWaveform"));
        server.addFactory(new org.jbec.device.sim.internal.SimFlyerFactory(), classes("ophyd_devices.SynFlyer"));
        server.addFactory(new org.jbec.device.sim.internal.SynDeviceOPAASFactory(), classes("ophyd_devices.SynDeviceOPAAS"));
        server.addFactory(new org.jbec.device.sim.internal.SimMonitorFactory.Async(),
                classes("ophyd_devices.sim.sim_monitor.SimMonitorAsync"));
        server.addFactory(new org.jbec.device.sim.internal.SimpleSignalDevices.ReadOnlySignalFactory(),
                classes("ophyd_devices.ReadOnlySignal"));
        server.addFactory(new org.jbec.device.sim.internal.SimpleSignalDevices.DynamicComponentsFactory(),
                classes("ophyd_devices.sim.sim.SynDynamicComponents"));
        server.addFactory(new org.jbec.device.sim.internal.SimpleSignalDevices.WithControllerFactory(),
                classes("ophyd_devices.sim.SimPositionerWithController"));
        Path demo = Path.of(System.getProperty("jbec.root", "../.."), "bundles/org.jbec.config/src/test/resources/bec_demo_config.yaml");
        server.load(new DeviceSessionReader().read(demo, "bec_demo_config.yaml"));
        Map<String, String> states = server.states();
        assertEquals(215, states.size());
        long up = states.values().stream().filter("up"::equals).count();
        assertEquals(214, up, "all but one: " + states);
        assertTrue(states.get("ramp_up").startsWith("down: no device class ophyd_devices.sim.sim_test_devices."
                + "SimDeviceWithSignalDelay"), states.get("ramp_up"));
        DeviceInstructionResponse read = instruct("pseudo_signal1", "read", Map.of("return_result", true));
        assertEquals("completed", read.status(), String.valueOf(read.errorInfo()));
    }

    @Test
    void detectorsPublishPreviewsAndAsyncDataOfTheStagedScan() throws Exception {
        server.addFactory(new org.jbec.device.sim.internal.SimWaveformFactory(), classes("ophyd_devices.SimWaveform"));
        server.session().add(session("waveform.yaml", """
                waveform:
                  readoutPriority: async
                  deviceClass: ophyd_devices.SimWaveform
                  deviceConfig: {waveform_shape: 200, noise: none}
                  enabled: true
                  softwareTrigger: true
                """));
        assertEquals("completed", instruct("waveform", "stage", Map.of()).status());
        assertEquals("completed", instruct("waveform", "trigger", Map.of()).status());
        List<BusEvent> entries = bus.xrange(Endpoints.deviceAsyncSignal("s-1", "waveform", "waveform"), "-", "+");
        assertEquals(1, entries.size());
        DeviceMessage m = entries.get(0).as(DeviceMessage.class);
        assertEquals("add", ((Map<?, ?>) m.metadata().get("async_update")).get("type"));
        assertEquals(200, ((org.jbec.bus.api.message.NdArray) ((Map<?, ?>) m.signals().get("waveform_waveform")).get("value")).size());
        assertEquals(1, bus.xrange(Endpoints.devicePreview("waveform", "waveform"), "-", "+").size());
    }

    @Test
    void aFlyerKickedOffFliesAndPublishesItsPoints() throws Exception {
        server.addFactory(new org.jbec.device.sim.internal.SimFlyerFactory(), classes("ophyd_devices.SynFlyer"));
        server.session().add(session("flyer.yaml", """
                flyer_sim:
                  readoutPriority: on_request
                  deviceClass: ophyd_devices.SynFlyer
                  deviceConfig: {delay: 1, device_access: true, update_frequency: 400}
                  enabled: true
                """));
        LinkedBlockingQueue<BusEvent> reads = new LinkedBlockingQueue<>();
        try (Subscription s = bus.subscribe(Endpoints.deviceRead("flyer_sim"), reads::add)) {
            assertEquals("completed", instruct("flyer_sim", "kickoff", Map.of("configure",
                    Map.of("num_pos", 3L, "exp_time", 0.01, "positions", List.of(List.of(1.0, 2.0), List.of(2.0, 3.0),
                            List.of(3.0, 4.0))))).status());
            assertEquals("completed", instruct("flyer_sim", "complete", Map.of()).status());
            for (long i = 0; i < 3; i++) {
                DeviceMessage point = reads.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS).as(DeviceMessage.class);
                assertEquals(i, point.metadata().get("point_id"));
            }
        }
        assertEquals(0L, bus.get(Endpoints.deviceStatus("flyer_sim")).orElseThrow().status(), "done");
    }

    @Test
    void subDevicesAreAddressedByDottedNames() throws Exception {
        server.addFactory(new org.jbec.device.sim.internal.SynDeviceOPAASFactory(), classes("ophyd_devices.SynDeviceOPAAS"));
        server.session().add(session("hexapod.yaml", """
                hexapod:
                  readoutPriority: baseline
                  deviceClass: ophyd_devices.SynDeviceOPAAS
                  deviceConfig:
                  enabled: true
                """));
        assertEquals("completed", instruct("hexapod.x", "set", Map.of("value", 1.5)).status());
        assertEquals("completed", instruct("hexapod.z.zsub", "set", Map.of("value", -2.0)).status());
        DeviceInstructionResponse bad = instruct("hexapod.w", "set", Map.of("value", 1.0));
        assertTrue(bad.errorInfo().errorMessage().contains("has no signal or sub-device w"), bad.errorInfo().errorMessage());
        DeviceInstructionResponse read = instruct("hexapod", "read", Map.of("return_result", true));
        Map<?, ?> reading = (Map<?, ?>) ((List<?>) read.result()).get(0);
        assertEquals(1.5, ((Map<?, ?>) reading.get("hexapod_x")).get("value"));
        assertEquals(-2.0, ((Map<?, ?>) reading.get("hexapod_z_zsub")).get("value"));
        List<?> subs = (List<?>) bus.get(Endpoints.deviceInfo("hexapod")).orElseThrow().info().get("sub_devices");
        assertEquals(List.of("x", "y", "z"), subs.stream().map(d -> ((Map<?, ?>) d).get("device_attr_name")).toList());
    }

    @Test
    void failedReadsFollowOnFailure() throws Exception {
        TestDetectorFactory flaky = new TestDetectorFactory();
        server.addFactory(flaky, classes("test.Flaky"));
        StringBuilder yaml = new StringBuilder();
        for (String policy : List.of("retry", "raise", "buffer")) {
            yaml.append("det_").append(policy).append(":\n  readoutPriority: monitored\n  deviceClass: test.Flaky\n")
                    .append("  enabled: true\n  onFailure: ").append(policy).append("\n");
        }
        server.load(session("flaky.yaml", yaml.toString()));
        LinkedBlockingQueue<BusEvent> alarms = new LinkedBlockingQueue<>();
        bus.subscribe(Endpoints.alarms(), alarms::add);

        flaky.failures.set(1);
        assertEquals("completed", instruct("det_retry", "read", Map.of()).status(), "retry: the second read works");
        assertEquals(0L, alarms.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS)
                .as(org.jbec.bus.api.message.AlarmMessage.class).severity(), "a WARNING alarm first");

        flaky.failures.set(1);
        DeviceInstructionResponse raised = instruct("det_raise", "read", Map.of());
        assertEquals("error", raised.status());
        assertTrue(raised.errorInfo().errorMessage().contains("the detector did not answer"));

        Object before = ((Map<?, ?>) bus.get(Endpoints.deviceRead("det_buffer")).orElseThrow().signals().get("det_buffer"))
                .get("value");
        flaky.failures.set(1);
        DeviceInstructionResponse buffered = instruct("det_buffer", "read", Map.of("return_result", true));
        assertEquals("completed", buffered.status());
        Map<?, ?> reading = (Map<?, ?>) ((List<?>) buffered.result()).get(0);
        assertEquals(before, ((Map<?, ?>) reading.get("det_buffer")).get("value"), "the buffered reading again");
    }

    @Test
    void anUpdateTheDeviceCannotTakeIsRolledBack() throws Exception {
        TestDetectorFactory flaky = new TestDetectorFactory() {
            @Override
            public org.jbec.device.api.Device create(org.jbec.device.api.DeviceContext context) {
                if (Boolean.TRUE.equals(context.deviceConfig().get("broken"))) {
                    throw new org.jbec.device.api.DeviceException("cannot configure " + context.name());
                }
                return super.create(context);
            }
        };
        server.addFactory(flaky, classes("test.Flaky"));
        server.session().add(session("d.yaml", "det:\n  readoutPriority: monitored\n  deviceClass: test.Flaky\n  enabled: true\n"));
        RequestResponseMessage update = request("update", Map.of("det", Map.of("deviceConfig", Map.of("broken", true))));
        assertFalse(update.accepted());
        assertTrue(String.valueOf(update.message()).contains("rolled back: cannot configure det"), String.valueOf(update.message()));
        assertEquals("up", server.states().get("det"), "the old configuration runs again");
        assertEquals(null, server.session().sessionDevices().stream().filter(d -> d.name().equals("det")).findFirst().orElseThrow()
                .deviceConfig(), "the session is unchanged");
    }

    @Test
    void aDeviceConfigTheClassRejectsRefusesTheSessionWhole() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> server.load(new DeviceSessionReader().read(
                new StringReader(SESSION.replace("{delay: 0, limits: [-50, 50], tolerance: 0.01}", "{delay: 0, speed: 3}")),
                Path.of("."), "bad.yaml")));
        assertTrue(e.getMessage().contains("samx: deviceConfig.speed: not accepted by SimPositioner"), e.getMessage());
        assertEquals("up", server.states().get("samx"), "the running session stays");
    }

}
