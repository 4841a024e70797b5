package org.jbec.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The simulated-device bundle stopped and started again under a running device server: its devices
 * go down and come back with their positions, other bundles stay as they are.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeviceHotSwapIT {

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Inject
    private BundleContext context;

    @Inject
    private Connector bus;

    @Inject
    private org.osgi.service.component.runtime.ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() throws IOException {
        return ItestRuntime.options(ItestRuntime.root().resolve("bundles/org.jbec.itest/src/test/resources/hotswap-session.yaml"));
    }

    private DeviceInstructionResponse instruct(String device, String action, Map<String, Object> parameter)
            throws InterruptedException {
        LinkedBlockingQueue<BusEvent> responses = new LinkedBlockingQueue<>();
        String id = UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("device_instr_id", id);
        try (Subscription s = bus.subscribe(Endpoints.deviceInstructionsResponse(), responses::add)) {
            bus.send(Endpoints.deviceInstructions(), new DeviceInstructionMessage(metadata, device, action, parameter));
            while (true) {
                BusEvent e = responses.poll(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
                if (e == null) {
                    throw new AssertionError("no answer to " + action + " " + device);
                }
                DeviceInstructionResponse r = e.as(DeviceInstructionResponse.class);
                if (r.instructionId().equals(id) && !r.status().equals("running")) {
                    return r;
                }
            }
        }
    }

    private DeviceInstructionResponse awaitStatus(String device, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        DeviceInstructionResponse r;
        do {
            r = instruct(device, "read", Map.of("return_result", true));
            if (r.status().equals(status)) {
                return r;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(device + " read never gave " + status + ": " + r);
    }

    private static Object value(DeviceInstructionResponse read, String signal) {
        Map<?, ?> reading = (Map<?, ?>) ((List<?>) read.result()).get(0);
        return ((Map<?, ?>) reading.get(signal)).get("value");
    }

    @Test
    public void simBundleStoppedAndStartedRebuildsItsDevicesWithTheirPositions() throws Exception {
        awaitStatus("samx", "completed"); // the session is loaded
        assertEquals("completed", instruct("samx", "set", Map.of("value", 7.5)).status());
        Bundle sim = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.jbec.device.sim")).findFirst().orElseThrow();
        long serverComponent = deviceServerComponentId();

        sim.stop();
        DeviceInstructionResponse down = awaitStatus("samx", "error");
        assertTrue(down.errorInfo().errorMessage(), down.errorInfo().errorMessage().contains("was removed"));

        sim.start();
        DeviceInstructionResponse back = awaitStatus("samx", "completed");
        assertEquals(7.5, value(back, "samx"));
        assertEquals("completed", awaitStatus("bpm4i", "completed").status());
        assertEquals("the device server component was not restarted", serverComponent, deviceServerComponentId());
    }

    /** SCR gives a component configuration a new id each time it is activated. */
    private long deviceServerComponentId() {
        return scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.name.equals("org.jbec.device.server.internal.DeviceServer"))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .filter(c -> c.state == org.osgi.service.component.runtime.dto.ComponentConfigurationDTO.ACTIVE)
                .mapToLong(c -> c.id).findFirst().orElse(-1);
    }
}
