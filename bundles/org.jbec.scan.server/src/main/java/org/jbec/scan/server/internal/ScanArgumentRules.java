package org.jbec.scan.server.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jbec.scan.api.ArgType;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;

/**
 * Checks a request's {@code args} and {@code kwargs} against the scan's published description, as
 * BEC's client does before sending (bec-behaviour.md §4.3 step 1), so that a request from any
 * client gets the same answer: bundle arity and count, types, choices, bounds, required and unknown
 * arguments, devices known, enabled and not repeated.
 */
final class ScanArgumentRules {

    private ScanArgumentRules() {
    }

    static Optional<String> rejection(ScanDescription scan, Map<String, Object> parameter,
            QueueRequestRules.DeviceCatalogue devices) {
        Map<?, ?> kwargs = parameter.get("kwargs") instanceof Map<?, ?> k ? k : Map.of();
        List<Object> args = positional(parameter.get("args"));
        Set<String> given = new HashSet<>();
        kwargs.keySet().forEach(k -> given.add(String.valueOf(k)));
        Optional<String> problem = scan.bundled() ? bundles(scan, args, devices) : positionals(scan, args, given, devices);
        if (problem.isPresent()) {
            return problem;
        }
        boolean openKwargs = scan.signature().stream().anyMatch(p -> p.kind() == ScanParameter.Kind.VAR_KEYWORD);
        for (Map.Entry<?, ?> e : kwargs.entrySet()) {
            String name = String.valueOf(e.getKey());
            Optional<ScanParameter> param = scan.signature().stream().filter(p -> p.name().equals(name) && !p.variadic())
                    .findFirst();
            if (param.isEmpty()) {
                if (!openKwargs) {
                    return Optional.of(scan.name() + " has no argument '" + name + "'.");
                }
                continue;
            }
            problem = value(scan, param.get(), e.getValue(), devices);
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (ScanParameter p : scan.signature()) {
            if (p.kind() == ScanParameter.Kind.KEYWORD_ONLY && !p.hasDefault() && !given.contains(p.name())) {
                return Optional.of(scan.name() + " needs the keyword argument " + p.name() + " (" + p.type().wireName() + ").");
            }
        }
        List<String> positionalNames = positionalNames(scan);
        for (String required : scan.requiredKwargs()) {
            int index = positionalNames.indexOf(required);
            boolean byPosition = !scan.bundled() && index >= 0 && index < args.size();
            if (!given.contains(required) && !byPosition) {
                return Optional.of(scan.name() + " needs the keyword argument " + required + ".");
            }
        }
        return Optional.empty();
    }

    /** BEC's server flattens the bundle map back to {@code device, v1, v2, …} in map order. */
    private static List<Object> positional(Object args) {
        List<Object> out = new ArrayList<>();
        if (args instanceof Map<?, ?> map) {
            map.forEach((device, values) -> {
                out.add(device);
                if (values instanceof List<?> list) {
                    out.addAll(list);
                } else {
                    out.add(values);
                }
            });
        } else if (args instanceof List<?> list) {
            out.addAll(list);
        }
        return out;
    }

    private static Optional<String> bundles(ScanDescription scan, List<Object> args, QueueRequestRules.DeviceCatalogue devices) {
        int size = scan.bundleSize();
        List<String> names = List.copyOf(scan.argInput().keySet());
        if (args.size() % size != 0) {
            return Optional.of(scan.name() + " takes its positional arguments in groups of " + size + " " + names
                    + "; got " + args.size() + " values.");
        }
        int count = args.size() / size;
        if (count < scan.minBundles() || scan.maxBundles() != null && count > scan.maxBundles()) {
            return Optional.of(scan.name() + " takes " + scan.minBundles() + (scan.maxBundles() == null ? " or more"
                    : " to " + scan.maxBundles()) + " groups of " + names + "; got " + count + ".");
        }
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String name = names.get(i % size);
            ArgType type = scan.argInput().get(name);
            Object value = args.get(i);
            if (type == ArgType.DEVICE && !seen.add(value)) {
                return Optional.of(scan.name() + ": device " + value + " is given twice.");
            }
            Optional<String> problem = value(scan, new ScanParameter(name, ScanParameter.Kind.POSITIONAL_ONLY,
                    ScanParameter.NO_DEFAULT, type, false, List.of(), null, null, null, null, ""), value, devices);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static List<String> positionalNames(ScanDescription scan) {
        return scan.signature().stream().filter(ScanArgumentRules::isPositional).map(ScanParameter::name).toList();
    }

    private static boolean isPositional(ScanParameter p) {
        return p.kind() == ScanParameter.Kind.POSITIONAL_ONLY || p.kind() == ScanParameter.Kind.POSITIONAL_OR_KEYWORD;
    }

    private static Optional<String> positionals(ScanDescription scan, List<Object> args, Set<String> given,
            QueueRequestRules.DeviceCatalogue devices) {
        List<ScanParameter> params = scan.signature().stream().filter(ScanArgumentRules::isPositional).toList();
        boolean varArgs = scan.signature().stream().anyMatch(p -> p.kind() == ScanParameter.Kind.VAR_POSITIONAL);
        if (args.size() > params.size() && !varArgs) {
            return Optional.of(scan.name() + " takes " + params.size() + " positional arguments "
                    + params.stream().map(ScanParameter::name).toList() + "; got " + args.size() + ".");
        }
        for (int i = 0; i < params.size(); i++) {
            ScanParameter p = params.get(i);
            if (i < args.size()) {
                if (given.contains(p.name())) {
                    return Optional.of(scan.name() + ": " + p.name() + " is given both by position and by name.");
                }
                Optional<String> problem = value(scan, p, args.get(i), devices);
                if (problem.isPresent()) {
                    return problem;
                }
            } else if (!p.hasDefault() && !given.contains(p.name())) {
                return Optional.of(scan.name() + " needs the argument " + p.name() + " (" + p.type().wireName() + ").");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(ScanDescription scan, ScanParameter p, Object value,
            QueueRequestRules.DeviceCatalogue devices) {
        String where = scan.name() + ": " + p.name();
        if (value == null) {
            return p.nullable() || p.type() == ArgType.ANY ? Optional.empty() : Optional.of(where + " must not be None.");
        }
        if (!p.choices().isEmpty()) {
            return p.choices().contains(value) ? Optional.empty()
                    : Optional.of(where + " must be one of " + p.choices() + "; got " + value + ".");
        }
        if (!p.type().accepts(value)) {
            return Optional.of(where + " must be " + article(p.type()) + "; got " + value + " ("
                    + value.getClass().getSimpleName() + ").");
        }
        if (p.type() == ArgType.DEVICE) {
            Optional<Boolean> enabled = devices.enabled((String) value);
            if (enabled.isEmpty()) {
                return Optional.of(where + ": '" + value + "' is not a device of this session.");
            }
            if (!enabled.get()) {
                return Optional.of(where + ": device '" + value + "' is disabled; enable it or choose another device.");
            }
        }
        if (value instanceof Number n) {
            double x = n.doubleValue();
            if (!Double.isFinite(x) && p.type() != ArgType.ANY) {
                // NaN passes every bound check and ±inf reaches the motors: a motor without limits "moves" there
                return Optional.of(where + " must be a finite number; got " + value + ".");
            }
            if (p.gt() != null && !(x > p.gt()) || p.ge() != null && !(x >= p.ge())
                    || p.lt() != null && !(x < p.lt()) || p.le() != null && !(x <= p.le())) {
                return Optional.of(where + " = " + value + " is out of bounds" + bounds(p) + ".");
            }
        }
        return Optional.empty();
    }

    private static String article(ArgType type) {
        return switch (type) {
            case DEVICE -> "a device name";
            case INT -> "an integer";
            case FLOAT -> "a number";
            case BOOL -> "true or false";
            case STR -> "a string";
            case LIST -> "a list";
            case DICT -> "a map";
            case ANY -> "any value";
        };
    }

    private static String bounds(ScanParameter p) {
        StringBuilder b = new StringBuilder();
        if (p.gt() != null) b.append(" > ").append(p.gt());
        if (p.ge() != null) b.append(" ≥ ").append(p.ge());
        if (p.lt() != null) b.append(" < ").append(p.lt());
        if (p.le() != null) b.append(" ≤ ").append(p.le());
        return " (must be" + b + ")";
    }
}
