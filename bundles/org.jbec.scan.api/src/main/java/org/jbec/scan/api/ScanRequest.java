package org.jbec.scan.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan's inputs as the scan sees them: positional arguments flattened back from BEC's bundle map
 * ({@code {samx: [-5, 5]}} becomes {@code samx, -5, 5}), keyword arguments with the signature's
 * defaults filled in, and the request metadata. Accessors name the argument in their errors.
 */
public record ScanRequest(String scanName, List<Object> args, Map<String, Object> kwargs,
        Map<String, Object> metadata) {

    public ScanRequest {
        args = Collections.unmodifiableList(new ArrayList<>(args));
        kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    public String device(int index) {
        return arg(index) instanceof String s ? s : fail("argument " + index + " must be a device name");
    }

    public double number(int index) {
        return arg(index) instanceof Number n ? n.doubleValue() : fail("argument " + index + " must be a number");
    }

    public int integer(int index) {
        return arg(index) instanceof Number n ? n.intValue() : fail("argument " + index + " must be an integer");
    }

    public List<?> list(int index) {
        return arg(index) instanceof List<?> l ? l : fail("argument " + index + " must be a list");
    }

    private Object arg(int index) {
        if (index >= args.size()) {
            fail("argument " + index + " is missing (" + args.size() + " given)");
        }
        return args.get(index);
    }

    public boolean has(String name) {
        return kwargs.get(name) != null;
    }

    public double number(String name) {
        return kwargs.get(name) instanceof Number n ? n.doubleValue() : fail(name + " must be a number");
    }

    public int integer(String name) {
        return kwargs.get(name) instanceof Number n ? n.intValue() : fail(name + " must be an integer");
    }

    public boolean flag(String name) {
        return kwargs.get(name) instanceof Boolean b ? b : fail(name + " must be true or false");
    }

    public String string(String name) {
        Object value = kwargs.get(name);
        return value == null ? null : String.valueOf(value);
    }

    public List<?> list(String name) {
        return kwargs.get(name) instanceof List<?> l ? l : fail(name + " must be a list");
    }

    private <T> T fail(String problem) {
        throw new ScanException("ScanArgumentError", scanName + ": " + problem);
    }
}
