package org.jbec.dap.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jbec.bus.api.message.DAPRequestMessage;
import org.jbec.bus.api.message.NdArray;
import org.jbec.dap.Background;

/**
 * A DAP request as BEC's client sends it for its lmfit plugins ({@code dap_cls = LmfitService1D},
 * {@code config = {args, kwargs, class_args, class_kwargs: {model}}}; continuous requests carry
 * {@code auto_run} and {@code selected_device} in {@code config}), checked field by field.
 *
 * @param model      the model name
 * @param background the background ({@code background} keyword, a jBEC addition), null for the model's default
 * @param kwargs     the configure keywords, positional {@code args} merged in by name
 */
record DapRequest(String model, Background background, Map<String, Object> kwargs) {

    /** The class BEC's lmfit plugins name; the only one served here. */
    static final String LMFIT_CLASS = "LmfitService1D";

    /** BEC's configure() parameters, in order, for positional {@code args}. */
    static final List<String> CONFIGURE_PARAMETERS = List.of("scan_item", "device_x", "signal_x", "device_y",
            "signal_y", "data_x", "data_y", "x_min", "x_max", "parameters", "oversample");

    /** Backgrounds asked for the lmfit way, as a composite with a second model. */
    private static final Map<String, Background> BACKGROUND_MODELS = Map.of("ConstantModel", Background.CONSTANT,
            "LinearModel", Background.LINEAR);

    /** @throws DapProblem naming the offending field */
    static DapRequest parse(DAPRequestMessage message, Set<String> models) {
        if (!LMFIT_CLASS.equals(message.dapCls())) {
            throw new DapProblem("dap_cls: unknown class '" + message.dapCls() + "'; this service offers "
                    + LMFIT_CLASS);
        }
        Map<String, Object> config = message.config();
        Map<?, ?> classKwargs = map(config.get("class_kwargs"), "config.class_kwargs");
        Object modelField = classKwargs.get("model");
        String model;
        Background background = null;
        if (modelField instanceof String name) {
            model = name;
        } else if (modelField instanceof List<?> list && list.size() == 2 && list.get(0) instanceof String name
                && BACKGROUND_MODELS.containsKey(String.valueOf(list.get(1)))) {
            model = name;
            background = BACKGROUND_MODELS.get(String.valueOf(list.get(1)));
        } else {
            throw new DapProblem("config.class_kwargs.model: " + (modelField == null ? "missing" : "'" + modelField
                    + "' is not a model name") + "; name one of " + String.join(", ", models)
                    + " (or [model, ConstantModel|LinearModel])");
        }
        if (!models.contains(model)) {
            throw new DapProblem("config.class_kwargs.model: unknown model '" + model + "'; available: "
                    + String.join(", ", models));
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        if ("continuous".equals(message.dapType())) {
            config.forEach((k, v) -> kwargs.put(String.valueOf(k), v));
        } else {
            Object args = config.get("args");
            if (args != null) {
                if (!(args instanceof List<?> list)) {
                    throw new DapProblem("config.args: must be a list, not " + args.getClass().getSimpleName());
                }
                if (list.size() > CONFIGURE_PARAMETERS.size()) {
                    throw new DapProblem("config.args: " + list.size() + " values, at most "
                            + CONFIGURE_PARAMETERS.size() + " " + CONFIGURE_PARAMETERS);
                }
                for (int i = 0; i < list.size(); i++) {
                    kwargs.put(CONFIGURE_PARAMETERS.get(i), list.get(i));
                }
            }
            if (config.get("kwargs") != null) {
                map(config.get("kwargs"), "config.kwargs").forEach((k, v) -> kwargs.put(String.valueOf(k), v));
            }
        }
        if (kwargs.get("background") != null) {
            try {
                background = Background.parse(String.valueOf(kwargs.get("background")));
            } catch (IllegalArgumentException e) {
                throw new DapProblem("config.kwargs.background: " + e.getMessage());
            }
        }
        return new DapRequest(model, background, kwargs);
    }

    private static Map<?, ?> map(Object value, String field) {
        if (value instanceof Map<?, ?> m) {
            return m;
        }
        throw new DapProblem(field + ": " + (value == null ? "missing" : "must be a dict, not "
                + value.getClass().getSimpleName()));
    }

    /** A string keyword, or null when absent. @throws DapProblem when it is not a string */
    String text(String name) {
        Object v = kwargs.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new DapProblem("config.kwargs." + name + ": must be a string, not " + v.getClass().getSimpleName());
    }

    /** A number keyword, or the default when absent. */
    double number(String name, double absent) {
        Object v = kwargs.get(name);
        if (v == null) {
            return absent;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new DapProblem("config.kwargs." + name + ": must be a number, not " + v);
    }

    /** A numeric array keyword (a list or a numpy array), or null when absent. */
    double[] array(String name) {
        Object v = kwargs.get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof NdArray a) {
            return a.toDoubles();
        }
        if (v instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                Object e = list.get(i);
                if (!(e instanceof Number n)) {
                    throw new DapProblem("config.kwargs." + name + "[" + i + "]: must be a number, not " + e);
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        throw new DapProblem("config.kwargs." + name + ": must be a list of numbers, not "
                + v.getClass().getSimpleName());
    }

    /** The y device and signal: {@code selected_device} of continuous requests, else {@code device_y}/{@code signal_y}. */
    String[] selectedY() {
        Object selected = kwargs.get("selected_device");
        if (selected instanceof List<?> l && l.size() == 2) {
            return new String[] {String.valueOf(l.get(0)), String.valueOf(l.get(1))};
        }
        if (selected != null) {
            throw new DapProblem("config.selected_device: must be [device, signal], not " + selected);
        }
        return new String[] {text("device_y"), text("signal_y")};
    }
}
