package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** SimCamera's deviceConfig (and sim_init) read and checked: BEC's defaults where absent. */
record CameraSettings(String model, double amplitude, double[] centerOffset, double[][] covariance, String noise,
        double noiseMultiplier, int width, int height, List<String> refMotors) {

    static final Set<String> ACCEPTED = Set.of("noise", "noise_multiplier", "image_shape", "ref_motors");

    static CameraSettings read(Map<String, Object> config, List<String> problems) {
        problems.addAll(ConfigKeys.unknown("SimCamera", config, ACCEPTED));
        Map<?, ?> simInit = config.get("sim_init") instanceof Map<?, ?> m ? m : Map.of();
        String model = String.valueOf(simInit.get("model") == null ? "gaussian" : simInit.get("model"));
        ConfigKeys.oneOf(problems, "sim_init.model", model, Set.of("gaussian", "constant"), "constant, gaussian");
        Map<?, ?> params = simInit.get("params") instanceof Map<?, ?> p ? p : Map.of();
        double amplitude = params.get("amplitude") instanceof Number n ? n.doubleValue() : 100;
        double[] offset = pair(params.get("center_offset"), new double[] {0, 0}, "sim_init.params.center_offset", problems);
        double[][] covariance = {{400, 100}, {100, 400}};
        if (params.get("covariance") instanceof List<?> rows && rows.size() == 2) {
            covariance = new double[][] {pair(rows.get(0), covariance[0], "sim_init.params.covariance", problems),
                    pair(rows.get(1), covariance[1], "sim_init.params.covariance", problems)};
        }
        double det = covariance[0][0] * covariance[1][1] - covariance[0][1] * covariance[1][0];
        if (det <= 0) {
            problems.add("deviceConfig.sim_init.params.covariance: must be positive definite");
        }
        String noise = String.valueOf(config.getOrDefault("noise", "uniform"));
        ConfigKeys.oneOf(problems, "noise", noise, SimMonitorFactory.NOISE, SimMonitorFactory.NOISE_LISTED);
        double[] shape = pair(config.get("image_shape"), new double[] {100, 100}, "image_shape", problems);
        if (shape[0] < 1 || shape[1] < 1 || shape[0] * shape[1] > 4096 * 4096) {
            problems.add("deviceConfig.image_shape: " + (int) shape[0] + "x" + (int) shape[1] + " is not 1x1..4096x4096");
        }
        List<String> motors = new ArrayList<>();
        if (config.get("ref_motors") instanceof List<?> l) {
            l.forEach(o -> motors.add(String.valueOf(o)));
            if (motors.size() != 2) {
                problems.add("deviceConfig.ref_motors: two motors (x, y), not " + motors.size());
            }
        }
        return new CameraSettings(model, amplitude, offset, covariance, noise,
                ConfigKeys.number(config, "noise_multiplier", 10), (int) shape[0], (int) shape[1], motors);
    }

    private static double[] pair(Object value, double[] def, String key, List<String> problems) {
        if (value == null) {
            return def;
        }
        if (value instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        problems.add("deviceConfig." + key + ": must be two numbers, is " + value);
        return def;
    }
}
