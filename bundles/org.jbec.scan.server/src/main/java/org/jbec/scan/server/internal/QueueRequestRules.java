package org.jbec.scan.server.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.scan.api.ScanDescription;

/**
 * The checks the scan guard makes on a queue request, in BEC's order (bec-protocol.md §5.1 step 3):
 * client info present, the sender is the channel's user, the scan is offered, and the devices it
 * names are enabled. Each rejection is a sentence naming what is wrong, so the operator can fix the
 * call; the checks read only what they are given, which keeps them free of the bus.
 */
final class QueueRequestRules {

    /** The enabled flag of every device of the session by name (absent: unknown device). */
    interface DeviceCatalogue {
        Optional<Boolean> enabled(String device);
    }

    private QueueRequestRules() {
    }

    /** Empty when the request may go to the queue, otherwise why it may not. */
    static Optional<String> rejection(String channelUser, ScanQueueMessage request, Map<String, ?> offeredScans,
            DeviceCatalogue devices) {
        if (request == null) {
            return Optional.of("The queue request is empty or could not be decoded.");
        }
        if (!(request.metadata().get("client_info") instanceof Map<?, ?> clientInfo)) {
            return Optional.of("The queue request has no metadata.client_info: the sender cannot be identified.");
        }
        String aclUser = clientInfo.get("acl_user") instanceof String s && !s.isEmpty() ? s : "default";
        if (!aclUser.equals(channelUser)) {
            return Optional.of("The request of user '" + aclUser + "' was sent on the channel of user '" + channelUser
                    + "'; requests go to personal/<own user>/queue/queue_request.");
        }
        if (!offeredScans.containsKey(request.scanType())) {
            return Optional.of("Scan '" + request.scanType() + "' is not offered by the scan server. Offered scans: "
                    + String.join(", ", offeredScans.keySet().stream().sorted().toList()) + ".");
        }
        if ("device_rpc".equals(request.scanType())) {
            return rpcRejection(request, devices);
        }
        Optional<String> disabled = argumentRejection(request.parameter().get("args"), devices);
        if (disabled.isPresent() || !(offeredScans.get(request.scanType()) instanceof Map<?, ?> entry)) {
            return disabled;
        }
        ScanDescription description;
        try {
            description = ScanDescription.fromResource(request.scanType(), entry);
        } catch (RuntimeException e) {
            // a description we cannot read (another server's extension): BEC's own checks only
            return Optional.empty();
        }
        return ScanArgumentRules.rejection(description, request.parameter(), devices);
    }

    private static Optional<String> rpcRejection(ScanQueueMessage request, DeviceCatalogue devices) {
        Object device = kwargs(request).get("device");
        if (!(device instanceof String name) || name.isEmpty()) {
            return Optional.of("device_rpc needs parameter.kwargs.device: the name of the device to call.");
        }
        Optional<Boolean> enabled = devices.enabled(name);
        if (enabled.isEmpty()) {
            return Optional.of("device_rpc names device '" + name + "', which is not in the session.");
        }
        return enabled.get() ? Optional.empty()
                : Optional.of("Device '" + name + "' is disabled; enable it before calling it.");
    }

    /** Every string among the arguments (map keys of bundled scans, values otherwise) that names a device. */
    private static Optional<String> argumentRejection(Object args, DeviceCatalogue devices) {
        Collection<?> values = args instanceof Map<?, ?> map ? map.keySet()
                : args instanceof List<?> list ? list : List.of();
        for (Object value : values) {
            if (value instanceof String name && devices.enabled(name).map(on -> !on).orElse(false)) {
                return Optional.of("Device '" + name + "' is disabled; a scan cannot use it. Enable it or choose another device.");
            }
        }
        return Optional.empty();
    }

    static Map<?, ?> kwargs(ScanQueueMessage request) {
        return request.parameter().get("kwargs") instanceof Map<?, ?> kwargs ? kwargs : Map.of();
    }

    /** BEC's direct reads: {@code get}, {@code read} and their dotted forms bypass the queue. */
    static boolean isDirectRead(ScanQueueMessage request) {
        if (!"device_rpc".equals(request.scanType()) || !(kwargs(request).get("func") instanceof String func)) {
            return false;
        }
        return func.equals("get") || func.equals("read") || func.endsWith(".get") || func.endsWith(".read");
    }
}
