package org.jbec.scan.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BEC's serialised type annotations (bec_lib signature_serializer): a type name, a list for a union
 * (here: a type or None), {@code {"Literal": [...]}} for choices and {@code {"Annotated": {type,
 * metadata: {ScanArgument: {gt, ge, lt, le, description…}}}}} for bounds.
 */
final class WireAnnotation {

    private WireAnnotation() {
    }

    static Object of(ScanParameter p) {
        Object type;
        if (!p.choices().isEmpty()) {
            List<Object> literal = new ArrayList<>(p.choices());
            if (p.nullable() && !literal.contains(null)) {
                literal.add(null);
            }
            type = Map.of("Literal", literal);
        } else if (p.type() == ArgType.ANY) {
            type = ScanParameter.NO_DEFAULT;
        } else {
            type = p.nullable() ? List.of(p.type().wireName(), "NoneType") : p.type().wireName();
        }
        if (p.gt() == null && p.ge() == null && p.lt() == null && p.le() == null && p.description().isEmpty()) {
            return type;
        }
        Map<String, Object> argument = new LinkedHashMap<>();
        argument.put("description", p.description().isEmpty() ? null : p.description());
        argument.put("gt", p.gt());
        argument.put("ge", p.ge());
        argument.put("lt", p.lt());
        argument.put("le", p.le());
        return Map.of("Annotated", Map.of("type", type, "metadata", Map.of("ScanArgument", argument)));
    }

    static ScanParameter parameter(String scan, Map<?, ?> wire) {
        String name = String.valueOf(wire.get("name"));
        ScanParameter.Kind kind;
        try {
            kind = ScanParameter.Kind.valueOf(String.valueOf(wire.get("kind")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(scan + "." + name + ": unknown parameter kind " + wire.get("kind"), e);
        }
        Object annotation = wire.get("annotation");
        Map<?, ?> bounds = Map.of();
        if (annotation instanceof Map<?, ?> m && m.get("Annotated") instanceof Map<?, ?> annotated) {
            annotation = annotated.get("type");
            if (annotated.get("metadata") instanceof Map<?, ?> meta && meta.get("ScanArgument") instanceof Map<?, ?> arg) {
                bounds = arg;
            }
        }
        List<ArgType> types = new ArrayList<>();
        boolean nullable = false;
        List<Object> choices = List.of();
        List<?> members = annotation instanceof List<?> l ? l : List.of(annotation == null ? "_empty" : annotation);
        for (Object member : members) {
            if ("NoneType".equals(member)) {
                nullable = true;
            } else if (member instanceof String s) {
                types.add(ArgType.ofWireName(s).orElse(ArgType.ANY));
            } else if (member instanceof Map<?, ?> lit && lit.get("Literal") instanceof List<?> values) {
                // None among the choices is "nullable"; the choices' own type is the parameter's type
                choices = new ArrayList<>(values);
                nullable |= choices.remove(null);
                choices.removeIf(java.util.Objects::isNull);
                types.add(choices.stream().allMatch(String.class::isInstance) ? ArgType.STR
                        : choices.stream().allMatch(ArgType.INT::accepts) ? ArgType.INT
                        : choices.stream().allMatch(Number.class::isInstance) ? ArgType.FLOAT : ArgType.ANY);
            }
        }
        // a union of several types: numbers stay numbers, anything else is not checked
        ArgType type = types.size() == 1 ? types.get(0)
                : !types.isEmpty() && types.stream().allMatch(t -> t == ArgType.FLOAT || t == ArgType.INT) ? ArgType.FLOAT
                : ArgType.ANY;
        return new ScanParameter(name, kind, wire.containsKey("default") ? wire.get("default") : ScanParameter.NO_DEFAULT,
                type, nullable, choices, number(bounds.get("gt")), number(bounds.get("ge")), number(bounds.get("lt")),
                number(bounds.get("le")), bounds.get("description") instanceof String d ? d : "");
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
