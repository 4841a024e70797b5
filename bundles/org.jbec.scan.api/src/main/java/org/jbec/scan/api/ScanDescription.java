package org.jbec.scan.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What BEC publishes for a scan in {@code info/scans/available_scans} (bec-protocol.md §6,
 * "available_scans resource"): positional argument bundles ({@code argInput}: the typed values of
 * one bundle, repeated {@code minBundles…maxBundles} times), the required keyword arguments and the
 * full signature.
 *
 * @param bundleSize 0 for scans without repeating bundles
 * @param maxBundles null when unbounded
 */
public record ScanDescription(String name, String className, boolean isScan, boolean internal,
        Map<String, ArgType> argInput, int bundleSize, int minBundles, Integer maxBundles, List<String> requiredKwargs,
        String doc, List<ScanParameter> signature) {

    public ScanDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        argInput = argInput == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(argInput));
        requiredKwargs = requiredKwargs == null ? List.of() : List.copyOf(requiredKwargs);
        signature = signature == null ? List.of() : List.copyOf(signature);
        doc = doc == null ? "" : doc;
        if (bundleSize < 0 || bundleSize > 0 && bundleSize != argInput.size()) {
            throw new IllegalArgumentException(name + ": arg_bundle_size " + bundleSize + " does not match arg_input "
                    + argInput.keySet());
        }
    }

    /** Whether positional arguments come as repeating bundles led by a device. */
    public boolean bundled() {
        return bundleSize > 0;
    }

    /** The available_scans entry, as BEC's scan manager builds it. */
    public Map<String, Object> toResource() {
        Map<String, Object> input = new LinkedHashMap<>();
        argInput.forEach((k, v) -> input.put(k, v.wireName()));
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("bundle", bundleSize);
        bundle.put("min", bundled() ? minBundles : null);
        bundle.put("max", maxBundles);
        List<Object> params = new ArrayList<>();
        for (ScanParameter p : signature) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", p.name());
            entry.put("kind", p.kind().name());
            entry.put("default", p.defaultValue());
            entry.put("annotation", WireAnnotation.of(p));
            params.add(entry);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class", className);
        out.put("base_class", "ScanBaseV4");
        out.put("is_scan", isScan);
        out.put("is_internal", internal);
        out.put("arg_input", input);
        out.put("required_kwargs", requiredKwargs);
        out.put("arg_bundle_size", bundle);
        out.put("doc", doc);
        out.put("signature", params);
        out.put("gui_visibility", Map.of());
        out.put("gui_config", Map.of());
        return out;
    }

    /**
     * Reads an available_scans entry back (ours or BEC's own server's).
     *
     * @throws IllegalArgumentException naming the field that cannot be read
     */
    public static ScanDescription fromResource(String name, Map<?, ?> entry) {
        Map<String, ArgType> input = new LinkedHashMap<>();
        if (entry.get("arg_input") instanceof Map<?, ?> map) {
            map.forEach((k, v) -> input.put(String.valueOf(k),
                    v instanceof String s ? ArgType.ofWireName(s).orElse(ArgType.ANY) : ArgType.ANY));
        }
        Map<?, ?> bundle = entry.get("arg_bundle_size") instanceof Map<?, ?> m ? m : Map.of();
        int size = bundle.get("bundle") instanceof Number n ? n.intValue() : 0;
        int min = bundle.get("min") instanceof Number n ? n.intValue() : (size > 0 ? 1 : 0);
        Integer max = bundle.get("max") instanceof Number n ? n.intValue() : null;
        List<String> required = new ArrayList<>();
        if (entry.get("required_kwargs") instanceof List<?> list) {
            list.forEach(k -> required.add(String.valueOf(k)));
        }
        List<ScanParameter> params = new ArrayList<>();
        if (entry.get("signature") instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> param) {
                    params.add(WireAnnotation.parameter(name, param));
                }
            }
        }
        return new ScanDescription(name, String.valueOf(entry.get("class")), Boolean.TRUE.equals(entry.get("is_scan")),
                Boolean.TRUE.equals(entry.get("is_internal")), input, size == input.size() ? size : 0, min, max,
                required, entry.get("doc") instanceof String d ? d : "", params);
    }
}
