package org.jbec.scan.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * BEC's scan actions: what a running scan may do. Every device action is a device instruction on the
 * bus with a fresh instruction id, tagged with the scan id and request id; the returned status
 * resolves through the device server's responses. Devices the scan moves, stages or triggers are
 * locked for its request, so queues running in parallel serialise on shared devices. Every call
 * checks for pause (blocks) and stop ({@link ScanInterruptedException}) first.
 */
@ProviderType
public interface ScanContext {

    ScanRequest request();

    /** The scan id; null for non-scans. */
    String scanId();

    /** The devices whose values the live table shows first (the motors); they are also monitored. */
    void scanReportDevices(List<String> devices);

    /** Adds a report instruction ({@code scan_progress}, {@code readback}) to the request block. */
    void reportInstruction(Map<String, Object> instruction);

    /** The planned number of points and of monitored readouts; published with {@code open}. */
    void plan(long numPoints, long numMonitoredReadouts);

    /** The device's current readback value (its hinted signal). */
    double position(String device);

    /**
     * The value of one of the device's signals as last published (BEC's {@code device.<attribute>.get()}):
     * configuration signals first ({@code velocity}, {@code acceleration}), then the reading.
     *
     * @throws ScanException (type {@code DeviceError}) when the device publishes no such signal
     */
    Object signal(String device, String attribute);

    /** The number of decimals of the device's readback (BEC's {@code device.precision}). */
    int precision(String device);

    /**
     * Waits for the device's next readback update (one published after the previous call for this
     * device); false when none came within the timeout. Answers pause and stop meanwhile.
     */
    boolean awaitReadbackUpdate(String device, double timeoutSeconds);

    /**
     * @throws ScanException (type {@code LimitError}) when a target lies outside the device's limits
     *         (limits with low ≥ high mean none)
     */
    void checkLimits(String device, double... targets);

    /** Sets devices to targets, one set instruction each; {@code response} asks for request-status entries (umv). */
    InstructionStatus move(Map<String, ?> targets, boolean response);

    /** Triggers the software-triggered devices the request owns (done at once when there are none). */
    InstructionStatus trigger();

    /** Reads every monitored device with the next point id. */
    InstructionStatus readMonitored();

    /**
     * As {@link #readMonitored()}, for a scan whose next step follows at once (a step scan's move to
     * its next point): the read goes out with this scan's next instruction, in one write to the bus,
     * or before the scan waits for anything, sleeps, pauses or ends its current hook, whichever comes
     * first. The device server runs it before the instructions sent with and after it, as always.
     * The default sends it at once.
     */
    default InstructionStatus readMonitoredWithNext() {
        return readMonitored();
    }

    /** Reads every baseline device (metadata {@code readout_priority: baseline}). */
    InstructionStatus readBaseline();

    InstructionStatus stage();

    InstructionStatus unstage();

    InstructionStatus preScan();

    InstructionStatus complete();

    /** One {@code rpc} instruction (bec-protocol.md §5.3). */
    InstructionStatus rpc(String device, String func, List<?> args, Map<String, ?> kwargs, String rpcId);

    /** Publishes the scan status {@code open}. */
    void openScan();

    /** Publishes the scan status {@code closed} with the readouts issued. */
    void closeScan();

    /** Sleeps, still answering pause and stop. */
    void sleep(double seconds);

    /** Blocks while paused; throws {@link ScanInterruptedException} when stopped. */
    void checkpoint();

    /** Monitored readouts issued so far (the next point id). */
    long readouts();
}
