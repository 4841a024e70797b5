package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The peak models of BEC's SimMonitor (a subset of lmfit's built-ins), with BEC's default
 * parameters: c=100, amplitude=100, center=0, sigma=1.
 */
record SimModel(String name, double c, double amplitude, double center, double sigma) {

    static final Set<String> MODELS = Set.of("ConstantModel", "GaussianModel", "LorentzianModel", "LinearModel",
            "StepModel");

    static SimModel constant() {
        return new SimModel("ConstantModel", 100, 100, 0, 1);
    }

    /** From {@code sim_init: {model, params}}; problems are added to the list. */
    static SimModel fromConfig(Object simInit, List<String> problems) {
        if (simInit == null) {
            return constant();
        }
        if (!(simInit instanceof Map<?, ?> m)) {
            problems.add("deviceConfig.sim_init: must be {model: ..., params: {...}}, is " + simInit);
            return constant();
        }
        String model = String.valueOf(m.get("model") == null ? "ConstantModel" : m.get("model"));
        ConfigKeys.oneOf(problems, "sim_init.model", model, MODELS, String.join(", ", MODELS.stream().sorted().toList()));
        Map<?, ?> params = m.get("params") instanceof Map<?, ?> p ? p : Map.of();
        List<String> numbers = new ArrayList<>();
        double c = param(params, "c", 100, numbers);
        double amplitude = param(params, "amplitude", 100, numbers);
        double center = param(params, "center", 0, numbers);
        double sigma = param(params, "sigma", 1, numbers);
        numbers.forEach(key -> problems.add("deviceConfig.sim_init.params." + key + ": must be a number"));
        if (sigma <= 0) {
            problems.add("deviceConfig.sim_init.params.sigma: must be positive, is " + sigma);
        }
        return new SimModel(model, c, amplitude, center, sigma);
    }

    private static double param(Map<?, ?> params, String key, double def, List<String> notNumbers) {
        Object v = params.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        notNumbers.add(key);
        return def;
    }

    /** The model's value at x, as lmfit defines it. */
    double value(double x) {
        return switch (name) {
            case "GaussianModel" -> amplitude / (sigma * Math.sqrt(2 * Math.PI))
                    * Math.exp(-Math.pow(x - center, 2) / (2 * sigma * sigma));
            case "LorentzianModel" -> amplitude / Math.PI * (sigma / (Math.pow(x - center, 2) + sigma * sigma));
            case "LinearModel" -> amplitude * x + c;
            case "StepModel" -> x < center ? 0 : amplitude * Math.min(1, (x - center) / sigma);
            default -> c;
        };
    }
}
