package org.jbec.dap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.ConnectionState;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.message.BundleMessage;
import org.jbec.bus.api.message.DAPRequestMessage;
import org.jbec.bus.api.message.DAPResponseMessage;
import org.jbec.bus.api.message.ProcessedDataMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.jbec.bus.redis.internal.JedisConnector;
import org.jbec.service.internal.ServiceLifecycle;
import org.jbec.test.support.Await;
import org.jbec.test.support.PrivateRedis;
import org.jbec.test.support.RedisServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DAP server on a real Redis, asked as BEC's client asks it. */
@ExtendWith(RedisServerExtension.class)
class DapServerTest {

    private JedisConnector bus;
    private ServiceLifecycle lifecycle;
    private DapWorkers workers;
    private ScanDataStore store;
    private DapServer server;

    @BeforeEach
    void start(PrivateRedis redis) throws Exception {
        bus = JedisConnector.open("127.0.0.1", redis.port());
        Await.until("bus connected", () -> bus.state() == ConnectionState.CONNECTED);
        lifecycle = new ServiceLifecycle(bus, "test", Duration.ofMillis(500));
        workers = new DapWorkers();
        store = new ScanDataStore(bus, workers);
        server = new DapServer(bus, lifecycle, store, Synthetic.whiteboard(), workers);
        Await.until("server running", () -> server.running() && store.listening());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        store.stop();
        workers.stop();
        lifecycle.stop();
        bus.close();
    }

    private static double gauss(double x) {
        return 300 * Math.exp(-(x - 0.4) * (x - 0.4) / (2 * 0.6 * 0.6)) + 12;
    }

    private static List<Object> xs() {
        List<Object> x = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            x.add(-4 + 0.2 * i);
        }
        return x;
    }

    private DAPResponseMessage ask(String type, Map<String, Object> config) throws InterruptedException {
        return ask("LmfitService1D", type, config);
    }

    private DAPResponseMessage ask(String cls, String type, Map<String, Object> config) throws InterruptedException {
        String rid = UUID.randomUUID().toString();
        bus.setAndPublish(Endpoints.dapRequest(), new DAPRequestMessage(Map.of("RID", rid), cls, type, config));
        Await.until("response " + rid, () -> bus.get(Endpoints.dapResponse(rid)).isPresent());
        DAPResponseMessage response = bus.get(Endpoints.dapResponse(rid)).orElseThrow();
        assertEquals(rid, response.metadata().get("RID"));
        return response;
    }

    private static Map<String, Object> config(String model, Map<String, Object> kwargs) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("args", List.of());
        config.put("kwargs", kwargs);
        config.put("class_args", List.of());
        config.put("class_kwargs", model == null ? Map.of() : Map.of("model", model));
        return config;
    }

    @SuppressWarnings("unchecked")
    private static double fitted(DAPResponseMessage response, String parameter) {
        Map<String, Object> report = (Map<String, Object>) ((List<Object>) response.data()).get(1);
        return ((Number) ((Map<String, Object>) report.get("fit_parameters")).get(parameter)).doubleValue();
    }

    @Test
    void theModelsArePublishedForClients() throws Exception {
        List<String> keys = bus.keys(Endpoints.dapAvailablePlugins("*"));
        assertEquals(List.of("user/dap/available_plugins/" + server.serviceName()), keys);
        Map<?, ?> resource = (Map<?, ?>) bus.get(Endpoints.dapAvailablePlugins(server.serviceName())).orElseThrow()
                .resource();
        assertTrue(resource.keySet().containsAll(List.of("GaussianModel", "LorentzianModel", "PseudoVoigtModel",
                "StepModel", "LinearModel")), resource.keySet().toString());
        Map<?, ?> gaussian = (Map<?, ?>) resource.get("GaussianModel");
        assertEquals("LmfitService1D", gaussian.get("class"));
        assertEquals(Map.of("model", "GaussianModel"), gaussian.get("class_kwargs"));
        assertEquals(true, gaussian.get("auto_run_supported"));
    }

    @Test
    void fitsArraysSentWithTheRequest() throws Exception {
        List<Object> y = xs().stream().map(x -> (Object) gauss((Double) x)).toList();
        DAPResponseMessage response = ask("on_demand", config("GaussianModel", Map.of("data_x", xs(), "data_y", y)));
        assertTrue(response.success(), response.error());
        assertEquals(0.4, fitted(response, "center"), 1e-6);
        assertEquals(0.6, fitted(response, "sigma"), 1e-6);
        assertEquals(12, fitted(response, "c"), 1e-4);
    }

    @Test
    void fitsAScanReadBackFromItsPublicKeys() throws Exception {
        String scanId = "scan-" + UUID.randomUUID();
        bus.set(Endpoints.publicScanInfo(scanId), status(scanId, "closed"), null);
        for (ScanMessage point : points(scanId)) {
            bus.set(Endpoints.publicScanSegment(scanId, point.pointId().toString()), point, null);
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("scan_item", scanId);
        kwargs.put("device_x", "samx");
        kwargs.put("signal_x", "samx");
        kwargs.put("device_y", "det");
        kwargs.put("signal_y", "det");
        DAPResponseMessage response = ask("on_demand", config("GaussianModel", kwargs));
        assertTrue(response.success(), response.error());
        assertEquals(0.4, fitted(response, "center"), 1e-6);
    }

    @Test
    void badRequestsAreAnsweredWithTheOffendingField() throws Exception {
        assertEquals("config.class_kwargs.model: missing; name one of GaussianModel, LinearModel, LorentzianModel, "
                + "PseudoVoigtModel, StepModel (or [model, ConstantModel|LinearModel])",
                ask("on_demand", config(null, Map.of())).error());
        assertTrue(ask("on_demand", config("VoigtModel", Map.of())).error()
                .startsWith("config.class_kwargs.model: unknown model 'VoigtModel'"));
        assertTrue(ask("SomethingElse", "on_demand", config("GaussianModel", Map.of())).error()
                .startsWith("dap_cls: unknown class 'SomethingElse'"));
        assertEquals("config.kwargs.data_y: 2 values but data_x has 3", ask("on_demand", config("GaussianModel",
                Map.of("data_x", List.of(1.0, 2.0, 3.0), "data_y", List.of(1.0, 2.0)))).error());
        assertEquals("config.kwargs.data_x[1]: must be a number, not two", ask("on_demand", config("GaussianModel",
                Map.of("data_x", List.of(1.0, "two"), "data_y", List.of(1.0, 2.0)))).error());
        assertTrue(ask("on_demand", config("GaussianModel", Map.of())).error()
                .startsWith("config.kwargs.scan_item: missing"));
        DAPResponseMessage flat = ask("on_demand", config("GaussianModel", Map.of("data_x", xs(),
                "data_y", xs().stream().map(x -> (Object) 5.0).toList())));
        assertFalse(flat.success());
        assertTrue(flat.error().contains("flat data"), flat.error());
        assertTrue(ask("on_demand", config("GaussianModel", Map.of("scan_item", "gone", "device_y", "det"))).error()
                .contains("no longer on the bus"));
    }

    @Test
    void aContinuousFitFollowsTheRunningScan() throws Exception {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("auto_run", true);
        config.put("selected_device", List.of("det", "det"));
        config.put("class_args", List.of());
        config.put("class_kwargs", Map.of("model", "GaussianModel"));
        DAPResponseMessage answer = ask("continuous", config);
        assertTrue(answer.success(), answer.error());

        String scanId = "scan-" + UUID.randomUUID();
        bus.setAndPublish(Endpoints.scanStatus(), status(scanId, "open"));
        bus.send(Endpoints.scanSegment(), new BundleMessage(null, new ArrayList<>(points(scanId))));
        Await.until("processed data", () -> !bus.lastEntries(Endpoints.processedData("GaussianModel"), 1).isEmpty());
        BusEvent entry = bus.lastEntries(Endpoints.processedData("GaussianModel"), 1).get(0);
        ProcessedDataMessage processed = entry.as(ProcessedDataMessage.class);
        assertTrue(((Map<?, ?>) processed.data()).containsKey("y"));
        Map<?, ?> parameters = (Map<?, ?>) processed.metadata().get("fit_parameters");
        assertEquals(0.4, ((Number) parameters.get("center")).doubleValue(), 1e-6);
    }

    private static ScanStatusMessage status(String scanId, String state) {
        return new ScanStatusMessage(null, scanId, state, null, 1L, null, 41L, 41L, "line_scan",
                "software_triggered", 1L, List.of("samx"), null, Map.of("monitored", List.of("samx", "det")), Map.of(),
                Map.of(), Map.of("RID", "rid"), 1.0);
    }

    private static List<ScanMessage> points(String scanId) {
        List<ScanMessage> points = new ArrayList<>();
        List<Object> x = xs();
        for (int i = 0; i < x.size(); i++) {
            double v = (Double) x.get(i);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("samx", Map.of("samx", Map.of("value", v, "timestamp", 1.0)));
            data.put("det", Map.of("det", Map.of("value", gauss(v), "timestamp", 1.0)));
            points.add(new ScanMessage(Map.of("scan_id", scanId), (long) i, scanId, data));
        }
        return points;
    }
}
