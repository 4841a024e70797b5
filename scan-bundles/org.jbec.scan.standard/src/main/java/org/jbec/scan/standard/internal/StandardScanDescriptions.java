package org.jbec.scan.standard.internal;

import static org.jbec.scan.api.ArgType.BOOL;
import static org.jbec.scan.api.ArgType.DEVICE;
import static org.jbec.scan.api.ArgType.DICT;
import static org.jbec.scan.api.ArgType.FLOAT;
import static org.jbec.scan.api.ArgType.INT;
import static org.jbec.scan.api.ArgType.LIST;
import static org.jbec.scan.api.ArgType.STR;
import static org.jbec.scan.api.ScanParameter.keyword;
import static org.jbec.scan.api.ScanParameter.required;
import static org.jbec.scan.api.ScanParameter.requiredKeyword;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jbec.scan.api.ArgType;
import org.jbec.scan.api.ScanDescription;
import org.jbec.scan.api.ScanParameter;
import org.jbec.scan.api.ScanParameter.Kind;

/**
 * BEC's scan catalogue (bec-behaviour.md §4.1): names, positional arguments, keyword arguments with
 * their defaults and bounds. {@code relative} has no default: the caller must say.
 */
public final class StandardScanDescriptions {

    private StandardScanDescriptions() {
    }

    public static List<ScanDescription> all() {
        return List.of(
                bundled("line_scan", "LineScan", true, args("device", DEVICE, "start", FLOAT, "stop", FLOAT), 1,
                        List.of("steps", "relative"), "A line scan: all motors move together from start to stop in steps points.",
                        with(common(), requiredKeyword("steps", INT).above(0), relative())),
                bundled("grid_scan", "GridScan", true,
                        args("device", DEVICE, "start", FLOAT, "stop", FLOAT, "steps", INT), 2, List.of("relative"),
                        "A grid scan; the first motor is the fastest.",
                        with(common(), relative(), keyword("snaked", BOOL, true))),
                bundled("log_scan", "LogScan", true, args("device", DEVICE, "start", FLOAT, "stop", FLOAT), 1,
                        List.of("steps", "relative"), "A line scan with logarithmic spacing.",
                        with(common(), requiredKeyword("steps", INT).atLeast(1), relative())),
                bundled("list_scan", "ListScan", true, args("device", DEVICE, "positions", LIST), 1,
                        List.of("relative"), "A scan through given positions (lists of equal length).",
                        with(common(), relative())),
                plain("fermat_scan", "FermatSpiralScan", true, "A Fermat spiral scan.",
                        List.of(required("motor1", DEVICE), required("start_motor1", FLOAT), required("stop_motor1", FLOAT),
                                required("motor2", DEVICE), required("start_motor2", FLOAT), required("stop_motor2", FLOAT),
                                required("step", FLOAT).above(0)),
                        with(common(), relative(),
                                keyword("optim_trajectory", STR, null).oneOf(Arrays.asList("corridor", "shell", "nearest")),
                                keyword("spiral_type", INT, 0).atLeast(0).atMost(2))),
                plain("round_scan", "RoundScan", true, "Concentric rings around a centre.",
                        List.of(required("motor_1", DEVICE), required("motor_2", DEVICE),
                                required("inner_radius", FLOAT).atLeast(0), required("outer_radius", FLOAT).atLeast(0),
                                required("number_of_rings", INT).atLeast(1), required("pos_in_first_ring", INT).atLeast(1)),
                        with(common(), relative(), keyword("center_1", FLOAT, 0), keyword("center_2", FLOAT, 0))),
                plain("round_roi_scan", "RoundROIScan", true, "Concentric rings clipped to a rectangle.",
                        List.of(required("motor_1", DEVICE), required("start_motor_1", FLOAT), required("stop_motor_1", FLOAT),
                                required("motor_2", DEVICE), required("start_motor_2", FLOAT), required("stop_motor_2", FLOAT),
                                required("shell_spacing", FLOAT).above(0), required("pos_in_first_ring", INT).atLeast(1)),
                        with(common(), relative(), keyword("center_1", FLOAT, 0), keyword("center_2", FLOAT, 0))),
                plain("hexagonal_scan", "HexagonalScan", true, "A hexagonal lattice.",
                        List.of(required("motor1", DEVICE), required("start_motor1", FLOAT), required("stop_motor1", FLOAT),
                                required("step_motor1", FLOAT).above(0), required("motor2", DEVICE),
                                required("start_motor2", FLOAT), required("stop_motor2", FLOAT),
                                required("step_motor2", FLOAT).above(0)),
                        with(common(), relative(), keyword("snaked", BOOL, true))),
                plain("multi_region_line_scan", "MultiRegionLineScan", true, "Line regions [(start, stop, steps), …] one after the other.",
                        List.of(required("motor", DEVICE), required("regions", LIST)), with(common(), relative())),
                plain("multi_region_grid_scan", "MultiRegionGridScan", true, "Grid regions one after the other.",
                        List.of(required("motor1", DEVICE), required("motor2", DEVICE), required("regions", LIST)),
                        with(common(), relative(), keyword("snaked", BOOL, true))),
                plain("time_scan", "TimeScan", true, "Readouts at a fixed interval, no motion.",
                        List.of(required("points", INT).atLeast(1), required("interval", FLOAT).atLeast(0)),
                        with(List.of(keyword("exp_time", FLOAT, 0).atLeast(0), keyword("settling_time", FLOAT, 0).atLeast(0)))),
                plain("acquire", "Acquire", true, "One point at the current position.", List.of(), with(common())),
                plain("cont_line_scan", "ContinuousLineScan", true, "Triggers on the fly while the motor moves.",
                        List.of(required("device", DEVICE), required("start", FLOAT), required("stop", FLOAT),
                                required("steps", INT).above(0)),
                        with(List.of(relative(), keyword("offset", FLOAT, null), keyword("atol", FLOAT, null),
                                keyword("exp_time", FLOAT, 0).atLeast(0), keyword("readout_time", FLOAT, 0).atLeast(0),
                                keyword("frames_per_trigger", INT, 1).atLeast(1)))),
                plain("line_sweep_scan", "LineSweepScan", true, "Reads out at every readback update while moving.",
                        List.of(required("device", DEVICE), required("start", FLOAT), required("stop", FLOAT)),
                        with(List.of(relative(), keyword("exp_time", FLOAT, 0).atLeast(0),
                                keyword("frames_per_trigger", INT, 1).atLeast(1), keyword("min_update", FLOAT, 0).atLeast(0),
                                keyword("max_update", FLOAT, 0).atLeast(0)))),
                bundled("mv", "Move", false, args("device", DEVICE, "target", FLOAT), 1, List.of("relative"),
                        "Starts moving the devices to their targets and returns.", with(List.of(relative()))),
                bundled("umv", "UpdatedMove", false, args("device", DEVICE, "target", FLOAT), 1, List.of("relative"),
                        "Moves the devices to their targets and waits, reporting the readbacks.", with(List.of(relative()))),
                new ScanDescription("device_rpc", "DeviceRPC", false, true, Map.of(), 0, 0, null, List.of(),
                        "Calls a method of a device (internal).",
                        List.of(required("device", STR), required("func", STR), required("func_args", LIST),
                                required("func_kwargs", DICT), required("rpc_id", STR),
                                ScanParameter.variadic("kwargs", Kind.VAR_KEYWORD))));
    }

    private static ScanParameter relative() {
        return requiredKeyword("relative", BOOL);
    }

    /** BEC's common acquisition arguments, all with defaults. */
    private static List<ScanParameter> common() {
        return List.of(keyword("exp_time", FLOAT, 0).atLeast(0), keyword("frames_per_trigger", INT, 1).atLeast(1),
                keyword("settling_time", FLOAT, 0).atLeast(0), keyword("settling_time_after_trigger", FLOAT, 0).atLeast(0),
                keyword("readout_time", FLOAT, 0).atLeast(0), keyword("burst_at_each_point", INT, 1).atLeast(1));
    }

    private static List<ScanParameter> with(List<ScanParameter> base, ScanParameter... more) {
        List<ScanParameter> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        all.add(ScanParameter.variadic("kwargs", Kind.VAR_KEYWORD));
        return all;
    }

    private static Map<String, ArgType> args(Object... nameTypePairs) {
        Map<String, ArgType> out = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            out.put((String) nameTypePairs[i], (ArgType) nameTypePairs[i + 1]);
        }
        return out;
    }

    private static ScanDescription bundled(String name, String className, boolean isScan, Map<String, ArgType> bundle,
            int minBundles, List<String> requiredKwargs, String doc, List<ScanParameter> keywords) {
        List<ScanParameter> signature = new ArrayList<>();
        signature.add(ScanParameter.variadic("args", Kind.VAR_POSITIONAL));
        signature.addAll(keywords);
        return new ScanDescription(name, className, isScan, false, bundle, bundle.size(), minBundles, null,
                requiredKwargs, doc, signature);
    }

    private static ScanDescription plain(String name, String className, boolean isScan, String doc,
            List<ScanParameter> positional, List<ScanParameter> keywords) {
        List<ScanParameter> signature = new ArrayList<>(positional);
        signature.addAll(keywords);
        return new ScanDescription(name, className, isScan, false, Map.of(), 0, 0, null, List.of(), doc, signature);
    }
}
