package org.jbec.scan.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.jbec.bus.api.message.ScanQueueOrderMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEC's scan guard (bec-protocol.md §5.1–5.3): the only door into the queues. Queue requests of
 * every user are checked ({@link QueueRequestRules}) and answered on
 * {@code info/queue/queue_request_response}; accepted ones go to {@code info/queue/queue_insert},
 * except direct device reads, which go straight to the device server. Modifications are forwarded;
 * order changes are checked against the published queue status first.
 *
 * <p>Requests are handled one at a time on the guard's own thread, in arrival order, so that the
 * Redis reads they need never hold up the connector's dispatcher.
 */
@Component(immediate = true)
public final class ScanGuard {

    private final Logger logger = LoggerFactory.getLogger(ScanGuard.class);
    private final Connector bus;
    private final ExecutorService worker = DaemonThreads.single("jbec-scan-guard");
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private volatile boolean listening;

    @Activate
    public ScanGuard(@Reference Connector bus) {
        this.bus = bus;
        worker.execute(this::listen);
    }

    private void listen() {
        subscriptions.add(bus.subscribe(Endpoints.scanQueueRequest("*"), e -> worker.execute(() -> onRequest(e))));
        subscriptions.add(bus.subscribe(Endpoints.scanQueueModificationRequest(),
                e -> worker.execute(() -> onModification(e))));
        subscriptions.add(bus.subscribe(Endpoints.scanQueueOrderChangeRequest(),
                e -> worker.execute(() -> onOrderChange(e))));
        listening = true;
    }

    /** True once every subscription is confirmed. */
    boolean listening() {
        return listening;
    }

    private void onRequest(BusEvent event) {
        ScanQueueMessage request = event.value() instanceof ScanQueueMessage m ? m : null;
        String user = channelUser(event.topic());
        Optional<String> rejection;
        try {
            Map<String, Boolean> session = sessionDevices();
            rejection = QueueRequestRules.rejection(user, request, offeredScans(),
                    name -> Optional.ofNullable(session.get(name)));
        } catch (RuntimeException e) {
            rejection = Optional.of("The scan guard could not check the request: " + e);
            logger.warn("Queue request on {} not checked", event.topic(), e);
        }
        Map<String, Object> metadata = request == null ? Map.of() : request.metadata();
        bus.send(Endpoints.scanQueueRequestResponse(),
                new RequestResponseMessage(metadata, rejection.isEmpty(), rejection.orElse("")));
        if (rejection.isPresent()) {
            logger.info("Queue request of {} rejected: {}", user, rejection.get());
        } else if (QueueRequestRules.isDirectRead(request)) {
            bus.send(Endpoints.deviceInstructions(), directRead(request));
        } else {
            bus.send(Endpoints.scanQueueInsert(), request);
        }
    }

    private static String channelUser(String topic) {
        String[] parts = topic.split("/");
        return parts.length > 1 ? parts[1] : "";
    }

    /** Read per request, as BEC does: what a scan server publishes now is what counts. */
    private Map<String, Object> offeredScans() {
        Map<String, Object> offered = new LinkedHashMap<>();
        bus.get(Endpoints.availableScans()).map(AvailableResourceMessage::resource).ifPresent(resource -> {
            if (resource instanceof Map<?, ?> scans) {
                scans.forEach((name, entry) -> offered.put(String.valueOf(name), entry));
            }
        });
        return offered;
    }

    /** The enabled flag of every device of the session, read once per request. */
    private Map<String, Boolean> sessionDevices() {
        Map<String, Boolean> enabled = new java.util.HashMap<>();
        Object session = bus.get(Endpoints.deviceConfig()).map(AvailableResourceMessage::resource).orElse(List.of());
        if (session instanceof List<?> devices) {
            for (Object device : devices) {
                if (device instanceof Map<?, ?> config && config.get("name") instanceof String name) {
                    enabled.putIfAbsent(name, !Boolean.FALSE.equals(config.get("enabled")));
                }
            }
        }
        return enabled;
    }

    private static DeviceInstructionMessage directRead(ScanQueueMessage request) {
        Map<?, ?> kwargs = QueueRequestRules.kwargs(request);
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("device", kwargs.get("device"));
        parameter.put("rpc_id", kwargs.get("rpc_id"));
        parameter.put("func", kwargs.get("func"));
        parameter.put("args", kwargs.get("func_args") == null ? List.of() : kwargs.get("func_args"));
        parameter.put("kwargs", kwargs.get("func_kwargs") == null ? Map.of() : kwargs.get("func_kwargs"));
        return new DeviceInstructionMessage(Map.of("device_instr_id", UUID.randomUUID().toString()),
                kwargs.get("device"), "rpc", parameter);
    }

    private void onModification(BusEvent event) {
        if (!(event.value() instanceof ScanQueueModificationMessage request)) {
            return;
        }
        if ("restart".equals(request.action()) && request.parameter().get("RID") instanceof String rid) {
            // the client follows the restarted request under its new RID
            bus.send(Endpoints.scanQueueRequestResponse(), new RequestResponseMessage(Map.of("RID", rid), true, ""));
        }
        bus.send(Endpoints.scanQueueModification(), request);
    }

    private void onOrderChange(BusEvent event) {
        if (!(event.value() instanceof ScanQueueOrderMessage request)) {
            return;
        }
        Optional<String> rejection = QueueOrderRules.rejection(request, bus.get(Endpoints.scanQueueStatus()));
        if (rejection.isPresent()) {
            bus.send(Endpoints.scanQueueOrderChangeResponse(), new RequestResponseMessage(null, false, rejection.get()));
            return;
        }
        bus.send(Endpoints.scanQueueOrderChange(), request);
        bus.send(Endpoints.scanQueueOrderChangeResponse(),
                new RequestResponseMessage(null, true, "Order change accepted"));
    }

    @Deactivate
    void stop() {
        worker.shutdownNow();
        subscriptions.forEach(Subscription::close);
    }
}
