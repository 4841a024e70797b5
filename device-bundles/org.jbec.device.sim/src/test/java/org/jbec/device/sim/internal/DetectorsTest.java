package org.jbec.device.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.jbec.bus.api.message.NdArray;
import org.jbec.device.api.Positioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DetectorsTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private static int argmax(int[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void cameraImageIsAGaussianBlobThatFollowsItsMotors() {
        Map<String, Object> config = Map.of("noise", "none", "ref_motors", List.of("samx", "samy"));
        SimCameraFactory factory = new SimCameraFactory();
        assertEquals(List.of(), factory.check(config));
        TestContext ctx = TestContext.of("eiger", config, timer);
        Positioner samx = (Positioner) new SimPositionerFactory().create(TestContext.of("samx", Map.of("delay", 0), timer));
        Positioner samy = (Positioner) new SimPositionerFactory().create(TestContext.of("samy", Map.of("delay", 0), timer));
        ctx.devices().put("samx", samx);
        ctx.devices().put("samy", samy);
        SimCamera camera = (SimCamera) factory.create(ctx);

        NdArray image = camera.image();
        assertEquals("<u2", image.dtype());
        assertArrayEquals(new int[] {100, 100}, image.shape());
        int[] pixels = (int[]) image.toJavaArray();
        int peak = argmax(pixels);
        assertEquals(10000, pixels[20 * 100 + 50], "the constant hot pixel");
        pixels[20 * 100 + 50] = 0;
        peak = argmax(pixels);
        assertEquals(100, pixels[peak], 1, "the blob's maximum is the amplitude");
        // rounded to integers the top is a small plateau; its first pixel lies within 3 of the centre
        assertTrue(Math.abs(peak / 100 - 50) <= 3 && Math.abs(peak % 100 - 50) <= 3, "centred: " + peak);

        samx.move(20).await(Duration.ofSeconds(1));
        int[] moved = (int[]) camera.image().toJavaArray();
        moved[20 * 100 + 50] = 0;
        int movedPeak = argmax(moved);
        assertTrue(movedPeak % 100 > 65, "the blob moved with samx: column " + movedPeak % 100);
    }

    @Test
    void cameraTriggerPublishesItsBurstAsPreviews() {
        TestContext ctx = TestContext.of("eiger", Map.of(), timer);
        SimCamera camera = (SimCamera) new SimCameraFactory().create(ctx);
        camera.signals().stream().filter(s -> s.attributeName().equals("exp_time")).findFirst().orElseThrow().put(0.01);
        camera.signals().stream().filter(s -> s.attributeName().equals("burst")).findFirst().orElseThrow().put(3L);
        camera.trigger().await(Duration.ofSeconds(2));
        assertEquals(3, ctx.events().previews.size());
        assertTrue(new SimCameraFactory().check(Map.of("image_shape", List.of(0, 5), "sim_init", Map.of("model", "disk")))
                .size() == 2);
    }

    @Test
    void asyncMonitorSendsItsBufferEveryFewTriggersAndAtComplete() {
        SimMonitorFactory.Async factory = new SimMonitorFactory.Async();
        assertEquals(List.of(), factory.check(Map.of("async_update", "append")));
        assertEquals(1, factory.check(Map.of("async_update", "sometimes")).size());
        TestContext ctx = TestContext.of("monitor_async", Map.of(), timer);
        SimMonitorAsync monitor = (SimMonitorAsync) factory.create(ctx);
        monitor.stage();
        for (int i = 0; i < 10; i++) {
            monitor.trigger();
        }
        monitor.complete();
        long sent = ctx.events().readbacks.stream()
                .mapToLong(m -> ((List<?>) ((Map<?, ?>) m.get("monitor_async")).get("value")).size()).sum();
        assertEquals(10, sent, "every buffered value is sent exactly once");
        assertEquals(10, ctx.events().progress.size());
        assertEquals(1.0, ctx.events().progress.get(9)[2], "done at the scan's last point");
    }

    @Test
    void flyerFliesThroughItsPositionsPublishingEachPoint() {
        TestContext ctx = TestContext.of("flyer_sim", Map.of("delay", 1), timer);
        assertEquals(List.of(), new SimFlyerFactory().check(Map.of("delay", 1, "update_frequency", 400)));
        SimFlyer flyer = (SimFlyer) new SimFlyerFactory().create(ctx);
        flyer.kickoff(Map.of("num_pos", 5, "exp_time", 0.01,
                "positions", List.of(List.of(0, 0), List.of(1, 0), List.of(2, 1), List.of(3, 1), List.of(4, 2)))).await(Duration.ofSeconds(1));
        flyer.complete().await(Duration.ofSeconds(5));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ctx.events().points);
        assertEquals(List.of(1L, 0L), ctx.events().statuses);
        assertEquals(4.0, flyer.collect().get(4).get("flyer_samx").value());
        assertEquals(2.0, flyer.collect().get(4).get("flyer_samy").value());
    }

    @Test
    void waveformIsTheScaledModelAndTravelsAsAsyncData() {
        Map<String, Object> config = Map.of("waveform_shape", 1000, "noise", "none",
                "sim_init", Map.of("model", "GaussianModel", "params", Map.of("amplitude", 100, "center", 500, "sigma", 50)));
        SimWaveformFactory factory = new SimWaveformFactory();
        assertEquals(List.of(), factory.check(config));
        TestContext ctx = TestContext.of("waveform", config, timer);
        SimWaveform waveform = (SimWaveform) factory.create(ctx);
        int[] trace = (int[]) waveform.waveform().toJavaArray();
        assertEquals(1000, trace.length);
        assertEquals(100, trace[500], "the maximum, at the centre, is the amplitude");
        assertTrue(Math.abs(argmax(trace) - 500) <= 10, "peak at " + argmax(trace));
        assertTrue(trace[0] < 1 && trace[999] < 1, "no tails at 10 sigma");

        waveform.stage();
        waveform.trigger().await(Duration.ofSeconds(1));
        RecordedEvents.Async add = ctx.events().async.get(0);
        assertEquals("add", add.type());
        assertEquals(Arrays.asList((Integer) null), add.maxShape());

        TestContext sliced = TestContext.of("waveform", Map.of("async_update", "add_slice", "noise", "none"), timer);
        SimWaveform slicing = (SimWaveform) factory.create(sliced);
        slicing.stage();
        slicing.trigger().await(Duration.ofSeconds(1));
        slicing.trigger().await(Duration.ofSeconds(1));
        assertEquals(20, sliced.events().async.size(), "1000 points in slices of 100, twice");
        assertEquals(Arrays.asList(null, 1000), sliced.events().async.get(0).maxShape());
        assertEquals(1, sliced.events().async.get(19).index(), "the second trace is index 1");
    }
}
