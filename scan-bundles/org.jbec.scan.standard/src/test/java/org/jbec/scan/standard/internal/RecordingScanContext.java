package org.jbec.scan.standard.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.Scan;
import org.jbec.scan.api.ScanContext;
import org.jbec.scan.api.ScanException;
import org.jbec.scan.api.ScanInterruptedException;
import org.jbec.scan.api.ScanRequest;

/**
 * A ScanContext that records every call as one line ("move {samx=-5.0}", "await trigger"), with
 * fixed readbacks and limits, statuses that are done at once, and a clock that only sleeps advance
 * (so exposure waits come out exact). It also runs a Scan's hooks in the worker's order (§5.1).
 */
final class RecordingScanContext implements ScanContext, LongSupplier {

    final List<String> calls = new ArrayList<>();
    private final ScanRequest request;
    private final Map<String, Double> positions = new HashMap<>();
    private final Map<String, double[]> limits = new HashMap<>();
    private long nanos;
    private long readouts;
    /** How long a trigger takes to be acknowledged, in nanoseconds. */
    long triggerNanos;
    /** The call (as recorded) that throws as if the queue item were stopped there. */
    String stopAt;

    RecordingScanContext(ScanRequest request) {
        this.request = request;
    }

    RecordingScanContext position(String device, double value) {
        positions.put(device, value);
        return this;
    }

    private final Map<String, Object> signals = new HashMap<>();

    /** A published signal value, as {@code device.attribute}. */
    RecordingScanContext signal(String device, String attribute, Object value) {
        signals.put(device + "." + attribute, value);
        return this;
    }

    @Override
    public Object signal(String device, String attribute) {
        calls.add("signal " + device + "." + attribute);
        Object value = signals.get(device + "." + attribute);
        if (value == null) {
            throw new ScanException("DeviceError", device + " publishes no signal '" + attribute + "'", device);
        }
        return value;
    }

    @Override
    public int precision(String device) {
        calls.add("precision " + device);
        return 3;
    }

    /** No readback updates in this fake: the waits time out at once. */
    @Override
    public boolean awaitReadbackUpdate(String device, double timeoutSeconds) {
        calls.add("awaitReadbackUpdate " + device);
        nanos += Math.round(timeoutSeconds * 1e9);
        return false;
    }

    RecordingScanContext limits(String device, double low, double high) {
        limits.put(device, new double[] {low, high});
        return this;
    }

    /** The worker's order for scans: every hook, and onException after a failure. */
    void run(Scan scan) {
        try {
            scan.prepare(this);
            scan.open(this);
            scan.stage(this);
            scan.preScan(this);
            scan.core(this);
            scan.post(this);
            scan.unstage(this);
            scan.close(this);
        } catch (RuntimeException e) {
            calls.add("onException " + e.getMessage());
            scan.onException(this, e);
            throw e;
        }
    }

    /** The worker's order for non-scans (mv, umv, device_rpc). */
    void runNonScan(Scan scan) {
        scan.prepare(this);
        scan.core(this);
    }

    long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    private InstructionStatus record(String call) {
        calls.add(call);
        if (call.equals(stopAt)) {
            throw new ScanInterruptedException("stopped at " + call);
        }
        return new InstructionStatus() {
            @Override
            public List<String> instructionIds() {
                return List.of(call);
            }

            @Override
            public boolean done() {
                return true;
            }

            @Override
            public void await() {
                calls.add("await " + call);
                if (call.equals("trigger")) {
                    nanos += triggerNanos;
                }
            }
        };
    }

    @Override
    public long getAsLong() {
        return nanos;
    }

    @Override
    public ScanRequest request() {
        return request;
    }

    @Override
    public String scanId() {
        return "scan-1";
    }

    @Override
    public void scanReportDevices(List<String> devices) {
        calls.add("scanReportDevices " + devices);
    }

    @Override
    public void reportInstruction(Map<String, Object> instruction) {
        calls.add("reportInstruction " + sorted(instruction)); // Map.of iterates in no fixed order
    }

    @Override
    public void plan(long numPoints, long numMonitoredReadouts) {
        calls.add("plan " + numPoints + " " + numMonitoredReadouts);
    }

    @Override
    public double position(String device) {
        calls.add("position " + device);
        return positions.getOrDefault(device, 0.0);
    }

    @Override
    public void checkLimits(String device, double... targets) {
        calls.add("checkLimits " + device + " " + Arrays.toString(targets));
        double[] l = limits.get(device);
        for (double t : targets) {
            if (l != null && l[0] < l[1] && (t < l[0] || t > l[1])) {
                throw new ScanException("LimitError", device + ": " + t + " outside " + Arrays.toString(l), device);
            }
        }
    }

    @Override
    public InstructionStatus move(Map<String, ?> targets, boolean response) {
        return record((response ? "move+response " : "move ") + targets);
    }

    @Override
    public InstructionStatus trigger() {
        return record("trigger");
    }

    @Override
    public InstructionStatus readMonitored() {
        readouts++;
        return record("readMonitored");
    }

    @Override
    public InstructionStatus readBaseline() {
        return record("readBaseline");
    }

    @Override
    public InstructionStatus stage() {
        return record("stage");
    }

    @Override
    public InstructionStatus unstage() {
        return record("unstage");
    }

    @Override
    public InstructionStatus preScan() {
        return record("preScan");
    }

    @Override
    public InstructionStatus complete() {
        return record("complete");
    }

    @Override
    public InstructionStatus rpc(String device, String func, List<?> args, Map<String, ?> kwargs, String rpcId) {
        return record("rpc " + device + " " + func + " " + args + " " + kwargs + " " + rpcId);
    }

    @Override
    public void openScan() {
        calls.add("openScan");
    }

    @Override
    public void closeScan() {
        calls.add("closeScan");
    }

    @Override
    public void sleep(double seconds) {
        calls.add("sleep " + seconds);
        nanos += Math.round(seconds * 1e9);
    }

    @Override
    public void checkpoint() {
        calls.add("checkpoint");
    }

    @Override
    public long readouts() {
        return readouts;
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        return value;
    }
}
