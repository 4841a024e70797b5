package org.jbec.shell.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.AvailableResourceMessage;
import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.RequestResponseMessage;
import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.bus.api.message.ScanQueueModificationMessage;
import org.jbec.scan.api.ScanDescription;

/**
 * What BEC's client does on the bus, for the shell's commands (bec-protocol.md §5.1, §5.2): queue
 * requests with the client's metadata, answered by the scan guard under their RID; queue
 * modifications; readbacks and the offered scans. The logic stays in the services: this only speaks.
 */
final class BecClient {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

    private final Connector bus;

    BecClient(Connector bus) {
        this.bus = bus;
    }

    Connector bus() {
        return bus;
    }

    /** The scans on offer now, by name. */
    Map<String, ScanDescription> scans() {
        Map<String, ScanDescription> out = new LinkedHashMap<>();
        bus.get(Endpoints.availableScans()).map(AvailableResourceMessage::resource).ifPresent(r -> {
            if (r instanceof Map<?, ?> map) {
                map.forEach((name, entry) -> {
                    if (entry instanceof Map<?, ?> e) {
                        out.put(String.valueOf(name), ScanDescription.fromResource(String.valueOf(name), e));
                    }
                });
            }
        });
        return out;
    }

    /**
     * Sends a queue request and waits for the guard's answer.
     *
     * @return the request id
     * @throws IllegalArgumentException with the guard's reason when it rejects the request
     */
    String submit(String scanType, Object args, Map<String, Object> kwargs, Map<String, Object> extraMetadata)
            throws InterruptedException {
        return submit(scanType, args, kwargs, extraMetadata, "primary");
    }

    /** Submits a scan to a queue by name (the scan server creates a named queue on first use). */
    String submit(String scanType, Object args, Map<String, Object> kwargs, Map<String, Object> extraMetadata,
            String queue) throws InterruptedException {
        // a caller that must watch something under the RID before the request goes out chooses it
        String rid = extraMetadata.get("RID") instanceof String given ? given : UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>(extraMetadata);
        metadata.put("RID", rid);
        metadata.put("client_info", clientInfo());
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("args", args);
        parameter.put("kwargs", kwargs);
        CompletableFuture<RequestResponseMessage> answer = new CompletableFuture<>();
        try (Subscription s = bus.subscribe(Endpoints.scanQueueRequestResponse(), e -> {
            if (e.value() instanceof RequestResponseMessage r && rid.equals(r.metadata().get("RID"))) {
                answer.complete(r);
            }
        })) {
            bus.send(Endpoints.scanQueueRequest("default"), new ScanQueueMessage(metadata, scanType, parameter,
                    queue, true));
            RequestResponseMessage r = answer.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            if (!Boolean.TRUE.equals(r.accepted())) {
                throw new IllegalArgumentException(String.valueOf(r.message()));
            }
            return rid;
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the scan server within " + ANSWER_WITHIN.toSeconds()
                    + " s: is it running? (see status)");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Map<String, Object> clientInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("acl_user", "default");
        info.put("username", System.getProperty("user.name", ""));
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "";
        }
        info.put("hostname", host);
        return info;
    }

    /** A queue action (pause, continue, abort …) as BEC's client sends it. */
    void modify(String action, String queue, Map<String, Object> parameter, Object scanId) {
        bus.send(Endpoints.scanQueueModificationRequest(), new ScanQueueModificationMessage(null, scanId, null, action,
                parameter, queue));
    }

    /**
     * Calls a device method through the device server as BEC's client does (an {@code rpc} device
     * instruction; the result under {@code info/devices/rpc/<rpc_id>}).
     *
     * @throws IllegalStateException with the device server's error, or when it does not answer in time
     */
    Object rpc(String device, String func) throws InterruptedException {
        String rpcId = UUID.randomUUID().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("RID", rpcId);
        metadata.put("device_instr_id", UUID.randomUUID().toString());
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("device", device);
        parameter.put("func", func);
        parameter.put("rpc_id", rpcId);
        parameter.put("args", List.of());
        parameter.put("kwargs", Map.of());
        bus.send(Endpoints.deviceInstructions(), new org.jbec.bus.api.message.DeviceInstructionMessage(metadata, device,
                "rpc", parameter));
        long deadline = System.nanoTime() + ANSWER_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<org.jbec.bus.api.message.DeviceRPCMessage> answer = bus.get(Endpoints.deviceRpc(rpcId));
            if (answer.isPresent()) {
                if (!Boolean.TRUE.equals(answer.get().success())) {
                Object out = answer.get().out();
                    throw new IllegalStateException(out instanceof org.jbec.bus.api.message.ErrorInfo e ? e.errorMessage()
                            : out instanceof Map<?, ?> m && m.get("error_message") != null ? String.valueOf(m.get("error_message"))
                            : String.valueOf(out));
                }
                return answer.get().returnVal();
            }
            Thread.sleep(10); // BEC's client polls the key too: it is set, not published
        }
        throw new IllegalStateException("no answer from the device server for " + device + "." + func + " within "
                + ANSWER_WITHIN.toSeconds() + " s: is it running? (see status)");
    }

    /** The device's readback value (its hinted signal), if published. */
    Optional<Object> readback(String device) {
        return bus.get(Endpoints.deviceReadback(device)).map(DeviceMessage::signals).map(s -> s.get(device))
                .filter(Map.class::isInstance).map(m -> ((Map<?, ?>) m).get("value"));
    }

    /** The session's devices as the device server stored them (name → config). */
    Map<String, Map<?, ?>> devices() {
        Map<String, Map<?, ?>> out = new LinkedHashMap<>();
        Object session = bus.get(Endpoints.deviceConfig()).map(AvailableResourceMessage::resource).orElse(List.of());
        if (session instanceof List<?> list) {
            for (Object d : list) {
                if (d instanceof Map<?, ?> m && m.get("name") instanceof String name) {
                    out.put(name, m);
                }
            }
        }
        return out;
    }

    /** Whether a device is a positioner, from its published device info. */
    boolean isPositioner(String device) {
        return bus.get(Endpoints.deviceInfo(device)).map(i -> "positioner".equals(i.info().get("device_base_class")))
                .orElse(false);
    }
}
