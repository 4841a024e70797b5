package org.jbec.scan.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A device instruction sent to the device server, resolved by its responses
 * (bec-protocol.md §5.4). An {@code error} response makes {@link #await()} throw a
 * {@link ScanException} of type {@code DeviceInstructionError}.
 */
@ProviderType
public interface InstructionStatus {

    /** The {@code device_instr_id}s this status waits for (none for an instruction that had no device). */
    java.util.List<String> instructionIds();

    boolean done();

    /** Waits until done; checks for pause and stop while waiting. */
    void await();
}
