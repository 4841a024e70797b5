package org.jbec.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.scan.api.ArgType;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A scan command line ({@code line_scan samx -5 5 --steps 20 --exp_time 0.1 --relative}) packed as
 * BEC's client packs a call (bec-behaviour.md §4.3): bundles as {@code {device: [values…]}} in call
 * order, other positional values as a list, keyword values typed by the published signature. A flag
 * without a value is {@code true}. Errors name the argument, as a user can fix them.
 */
final class ScanArguments {

    record Packed(Object args, Map<String, Object> kwargs) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScanArguments() {
    }

    static Packed pack(ScanDescription scan, List<?> tokens) {
        List<Object> positional = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = String.valueOf(tokens.get(i));
            if (token.startsWith("--") && token.length() > 2 && !isNumber(token)) {
                String name = token.substring(2);
                ScanParameter p = keyword(scan, name);
                boolean flag = p.type() == ArgType.BOOL;
                Object value;
                if (flag && (i + 1 >= tokens.size() || !isBool(String.valueOf(tokens.get(i + 1))))) {
                    value = Boolean.TRUE;
                } else if (i + 1 < tokens.size()) {
                    value = convert(tokens.get(++i), p.type(), "--" + name);
                } else {
                    throw new IllegalArgumentException(scan.name() + ": --" + name + " needs a value");
                }
                kwargs.put(name, value);
            } else {
                positional.add(tokens.get(i));
            }
        }
        return new Packed(scan.bundled() ? bundles(scan, positional) : plain(scan, positional), kwargs);
    }

    private static ScanParameter keyword(ScanDescription scan, String name) {
        for (ScanParameter p : scan.signature()) {
            if (p.name().equals(name) && !p.variadic()) {
                return p;
            }
        }
        List<String> names = scan.signature().stream().filter(p -> !p.variadic()).map(ScanParameter::name).toList();
        throw new IllegalArgumentException(scan.name() + " has no argument --" + name + "; it takes " + names);
    }

    private static Map<String, Object> bundles(ScanDescription scan, List<Object> values) {
        int size = scan.bundleSize();
        if (values.isEmpty() || values.size() % size != 0) {
            throw new IllegalArgumentException(scan.name() + " takes arguments in groups of " + size + " ("
                    + String.join(", ", scan.argInput().keySet()) + "), " + values.size() + " given");
        }
        List<Map.Entry<String, ArgType>> input = new ArrayList<>(scan.argInput().entrySet());
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i += size) {
            String device = String.valueOf(values.get(i));
            List<Object> rest = new ArrayList<>();
            for (int k = 1; k < size; k++) {
                rest.add(convert(values.get(i + k), input.get(k).getValue(), input.get(k).getKey()));
            }
            out.put(device, rest);
        }
        return out;
    }

    private static List<Object> plain(ScanDescription scan, List<Object> values) {
        List<ScanParameter> params = scan.signature().stream()
                .filter(p -> p.kind() == ScanParameter.Kind.POSITIONAL_OR_KEYWORD
                        || p.kind() == ScanParameter.Kind.POSITIONAL_ONLY)
                .toList();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (i >= params.size()) {
                throw new IllegalArgumentException(scan.name() + " takes " + params.size() + " positional arguments ("
                        + params.stream().map(ScanParameter::name).toList() + "), " + values.size() + " given");
            }
            out.add(convert(values.get(i), params.get(i).type(), params.get(i).name()));
        }
        return out;
    }

    static Object convert(Object token, ArgType type, String name) {
        if (!(token instanceof String text)) {
            return token;
        }
        try {
            return switch (type) {
                case INT -> Long.parseLong(text);
                case FLOAT -> Double.parseDouble(text);
                case BOOL -> {
                    if (!isBool(text)) {
                        throw new IllegalArgumentException(name + " must be true or false, not '" + text + "'");
                    }
                    yield Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
                }
                case LIST, DICT -> JSON.readValue(text, Object.class);
                case ANY -> isNumber(text) ? (text.matches("-?\\d+") ? (Object) Long.parseLong(text)
                        : (Object) Double.parseDouble(text)) : text;
                default -> text;
            };
        } catch (NumberFormatException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(name + " must be " + (type == ArgType.INT ? "an integer"
                    : type == ArgType.FLOAT ? "a number" : "JSON (e.g. [1, 2])") + ", not '" + text + "'");
        }
    }

    private static boolean isBool(String text) {
        return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false");
    }

    private static boolean isNumber(String text) {
        return text.matches("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    }
}
