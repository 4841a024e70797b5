package org.jbec.scan.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One run of a scan (bec-behaviour.md §5): the worker calls the hooks in order, checking for pause
 * and stop before each one and before every device instruction. The defaults do what BEC's standard
 * step scans do; a scan overrides what it needs, usually {@link #prepare} and {@link #core}.
 *
 * <p>Scans never touch devices: every step is an instruction through the {@link ScanContext},
 * answered by the device server over the bus. Non-scans ({@code mv}, {@code umv},
 * {@code device_rpc}: {@link ScanDescription#isScan()} false) only get {@link #prepare} and
 * {@link #core}.
 */
@ConsumerType
public interface Scan {

    /** Positions, limits, report instructions, pre-move and baseline read (started, not waited for). */
    default void prepare(ScanContext scan) {
    }

    /** Publishes the scan status {@code open}. */
    default void open(ScanContext scan) {
        scan.openScan();
    }

    default void stage(ScanContext scan) {
        scan.stage().await();
    }

    default void preScan(ScanContext scan) {
        scan.preScan().await();
    }

    /** The points. */
    void core(ScanContext scan);

    default void post(ScanContext scan) {
        scan.complete().await();
    }

    default void unstage(ScanContext scan) {
        scan.unstage().await();
    }

    /** Publishes the scan status {@code closed}. */
    default void close(ScanContext scan) {
        scan.closeScan();
    }

    /**
     * After a failure or an abort (not after halt), for clean-up such as returning to the start;
     * instructions sent here carry {@code __on-exception} ids.
     */
    default void onException(ScanContext scan, RuntimeException cause) {
    }
}
