package org.jbec.dap.internal;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.BecStatus;
import org.jbec.bus.api.message.DAPRequestMessage;
import org.jbec.bus.api.message.DAPResponseMessage;
import org.jbec.service.BecServices;
import org.jbec.service.ServiceConflictException;
import org.jbec.service.ServiceHandle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEC's DAP server on the bus (bec-protocol.md §3): answers {@code user/dap/request} on
 * {@code user/dap/response/<RID>} (EX 60) with success, data or an error naming the offending
 * field; keeps the model list on {@code user/dap/available_plugins/<service>}, republished when a
 * model plugin comes or goes; runs the continuous fit ({@link ContinuousFit}).
 */
@Component(immediate = true)
public final class DapServer {

    static final Duration RESPONSE_EXPIRE = Duration.ofSeconds(60);

    private final Logger logger = LoggerFactory.getLogger(DapServer.class);
    private final Connector bus;
    private final BecServices services;
    private final ScanDataStore scans;
    private final ModelWhiteboard dap;
    private final DapWorkers workers;
    private final FitRunner runner;
    private final ContinuousFit continuous;
    private final String serviceName = "DAPServer/" + UUID.randomUUID();
    private final Runnable republish = this::publishModelsLater;
    private final Consumer<ScanRecord> scanUpdates;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile ServiceHandle handle;

    @Activate
    public DapServer(@Reference Connector bus, @Reference BecServices services, @Reference ScanDataStore scans,
            @Reference ModelWhiteboard dap, @Reference DapWorkers workers) {
        this.bus = bus;
        this.services = services;
        this.scans = scans;
        this.dap = dap;
        this.workers = workers;
        this.runner = new FitRunner(scans, dap);
        this.continuous = new ContinuousFit(bus, runner, workers.scheduler());
        this.scanUpdates = continuous::onScanUpdate;
        // registering waits for Redis: never on the activation thread
        workers.executor().execute(this::start);
    }

    private void start() {
        try {
            handle = services.register(serviceName, false);
        } catch (ServiceConflictException e) {
            logger.error("DAP server not started: {}", e.getMessage());
            return;
        }
        subscriptions.add(bus.subscribe(Endpoints.dapRequest(),
                event -> workers.executor().execute(() -> answer(event))));
        dap.onChange(republish);
        scans.onUpdate(scanUpdates);
        publishModels();
        handle.setStatus(BecStatus.RUNNING);
    }

    @Deactivate
    void stop() {
        dap.removeListener(republish);
        scans.removeListener(scanUpdates);
        subscriptions.forEach(Subscription::close);
        try {
            bus.delete(Endpoints.dapAvailablePlugins(serviceName));
        } catch (RuntimeException e) {
            logger.debug("Model list not removed: {}", e.toString());
        }
        if (handle != null) {
            handle.close();
        }
    }

    private void publishModelsLater() {
        workers.executor().execute(this::publishModels);
    }

    private void publishModels() {
        try {
            bus.set(Endpoints.dapAvailablePlugins(serviceName),
                    new AvailableResourceMessage(null, PluginCatalog.resource(dap)), null);
        } catch (RuntimeException e) {
            logger.warn("Model list not published: {}", e.toString());
        }
    }

    /** Answers one request; nothing escapes, every outcome goes back to the requester. */
    void answer(BusEvent event) {
        if (!(event.value() instanceof DAPRequestMessage request)) {
            logger.warn("Ignored a {} on {}: not a DAPRequestMessage", event.value() == null ? "nil"
                    : event.value().getClass().getSimpleName(), event.topic());
            return;
        }
        if (!(request.metadata().get("RID") instanceof String rid) || rid.isEmpty()) {
            logger.warn("DAP request without metadata.RID: there is no one to answer ({})", request.dapCls());
            return;
        }
        try {
            DapRequest parsed = DapRequest.parse(request, dap.models());
            Object data = "continuous".equals(request.dapType()) ? continuous.configure(parsed)
                    : runner.onDemand(parsed);
            respond(rid, request, true, data, null);
        } catch (DapProblem p) {
            respond(rid, request, false, null, p.getMessage());
        } catch (RuntimeException e) {
            logger.warn("DAP request {} failed", rid, e);
            respond(rid, request, false, null, "internal error: " + e);
        }
    }

    private void respond(String rid, DAPRequestMessage request, boolean success, Object data, String error) {
        try {
            bus.setAndPublish(Endpoints.dapResponse(rid),
                    new DAPResponseMessage(request.metadata(), success, data, error, request), RESPONSE_EXPIRE);
        } catch (RuntimeException e) {
            logger.warn("DAP response {} not sent: {}", rid, e.toString());
        }
    }

    boolean running() {
        ServiceHandle h = handle;
        return h != null && h.status() == BecStatus.RUNNING;
    }

    String serviceName() {
        return serviceName;
    }
}
