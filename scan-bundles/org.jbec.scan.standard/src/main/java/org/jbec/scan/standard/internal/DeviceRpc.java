package org.jbec.scan.standard.internal;

import java.util.List;
import java.util.Map;

import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanRequest;

/**
 * device_rpc (bec-behaviour.md §4.2): one {@code rpc} instruction; the queue item ends without
 * waiting for the result, which the client polls under the RPC key.
 */
final class DeviceRpc implements Scan {

    private static final List<String> SIGNATURE = List.of("device", "func", "func_args", "func_kwargs", "rpc_id");

    private final String device;
    private final String func;
    private final List<?> args;
    private final Map<String, ?> kwargs;
    private final String rpcId;

    DeviceRpc(ScanRequest request) {
        device = text(request, "device");
        func = text(request, "func");
        rpcId = text(request, "rpc_id");
        // None means no arguments: the device server calls func(*args, **kwargs)
        args = param(request, "func_args") instanceof List<?> l ? l : List.of();
        Map<String, Object> named = new java.util.LinkedHashMap<>();
        if (param(request, "func_kwargs") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> named.put(String.valueOf(k), v));
        }
        kwargs = named;
    }

    @Override
    public void core(ScanContext scan) {
        scan.rpc(device, func, args, kwargs, rpcId);
    }

    /**
     * A Python POSITIONAL_OR_KEYWORD parameter arrives either by name or in signature order;
     * {@link ScanRequest} keeps the two apart, so look in both.
     */
    private static Object param(ScanRequest request, String name) {
        if (request.kwargs().containsKey(name)) {
            return request.kwargs().get(name);
        }
        int index = SIGNATURE.indexOf(name);
        return index < request.args().size() ? request.args().get(index) : null;
    }

    private static String text(ScanRequest request, String name) {
        if (param(request, name) instanceof String s) {
            return s;
        }
        throw StepScans.error(request, name + " must be a string");
    }
}
