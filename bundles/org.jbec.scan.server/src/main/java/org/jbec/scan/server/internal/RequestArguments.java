package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.ScanQueueMessage;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;
import org.jbec.scan.api.ScanRequest;

/**
 * BEC's scan assembler (bec-behaviour.md §4.3, server side): bundle maps flattened back to
 * {@code device, v1, v2, …} in map order, keyword defaults of the signature filled in, the
 * system_config keys lifted into the keyword arguments.
 */
final class RequestArguments {

    private RequestArguments() {
    }

    static ScanRequest of(ScanDescription description, ScanQueueMessage message) {
        Object args = message.parameter().get("args");
        List<Object> flat = new ArrayList<>();
        if (args instanceof Map<?, ?> bundles) {
            bundles.forEach((device, values) -> {
                flat.add(String.valueOf(device));
                if (values instanceof List<?> l) {
                    flat.addAll(l);
                } else if (values != null) {
                    flat.add(values);
                }
            });
        } else if (args instanceof List<?> list) {
            flat.addAll(list);
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (ScanParameter p : description.signature()) {
            if (p.hasDefault() && !p.variadic()) {
                kwargs.put(p.name(), p.defaultValue());
            }
        }
        if (message.parameter().get("kwargs") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
        }
        return new ScanRequest(description.name(), flat, kwargs, message.metadata());
    }
}
