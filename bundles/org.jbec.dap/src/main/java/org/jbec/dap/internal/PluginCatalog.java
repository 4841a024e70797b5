package org.jbec.dap.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.dap.FitModel;

/**
 * The available-plugins resource BEC's clients build their {@code bec.dap.<Model>} objects from:
 * per model the plugin class, docs, run name, configure() signature, parameters and class kwargs.
 */
final class PluginCatalog {

    private PluginCatalog() {
    }

    static Map<String, Object> resource(ModelWhiteboard whiteboard) {
        Map<String, Object> resource = new LinkedHashMap<>();
        for (String name : whiteboard.models()) {
            whiteboard.model(name).ifPresent(model -> resource.put(name, describe(model)));
        }
        return resource;
    }

    private static Map<String, Object> describe(FitModel model) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("class", DapRequest.LMFIT_CLASS);
        entry.put("user_friendly_name", model.name());
        entry.put("class_doc", model.description());
        entry.put("run_doc", model.description() + "\nkwargs: " + String.join(", ", DapRequest.CONFIGURE_PARAMETERS)
                + ", background (none|constant|linear)");
        entry.put("run_name", "fit");
        entry.put("signature", signature());
        entry.put("auto_run_supported", true);
        entry.put("params", params(model));
        entry.put("class_args", List.of());
        entry.put("class_kwargs", Map.of("model", model.name()));
        return entry;
    }

    private static List<Object> signature() {
        List<Object> out = new ArrayList<>();
        for (String name : DapRequest.CONFIGURE_PARAMETERS) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("kind", "POSITIONAL_OR_KEYWORD");
            p.put("default", "oversample".equals(name) ? (Object) 1L : null);
            p.put("annotation", "_empty");
            out.add(p);
        }
        return out;
    }

    /** lmfit's serialized Parameters: every parameter free and unbounded. */
    private static Map<String, Object> params(FitModel model) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(model.parameterNames());
        names.addAll(model.defaultBackground().parameterNames());
        for (String name : names) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", name);
            p.put("value", null);
            p.put("vary", true);
            p.put("min", Double.NEGATIVE_INFINITY);
            p.put("max", Double.POSITIVE_INFINITY);
            p.put("expr", null);
            params.put(name, p);
        }
        return params;
    }
}
