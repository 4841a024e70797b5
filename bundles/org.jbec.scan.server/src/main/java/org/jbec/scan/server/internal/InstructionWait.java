package org.jbec.scan.server.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.jbec.bus.api.message.ErrorInfo;
import org.jbec.scan.api.InstructionStatus;
import org.jbec.scan.api.ScanException;

/**
 * The status of instructions sent for a scan: waits in 100 ms slices so that pause and stop are
 * seen while a device is busy, and turns an {@code error} response into a DeviceInstructionError
 * with the device server's compact message.
 */
final class InstructionWait implements InstructionStatus {

    private final List<String> ids;
    private final List<CompletableFuture<DeviceInstructionResponse>> responses;
    private final Runnable checkpoint;
    private final InstructionTracker tracker;
    /** Sends what the scan holds back for its next instruction: nothing is waited for unsent. */
    private final Runnable beforeWaiting;

    InstructionWait(List<String> ids, List<CompletableFuture<DeviceInstructionResponse>> responses,
            Runnable checkpoint, InstructionTracker tracker, Runnable beforeWaiting) {
        this.ids = ids;
        this.responses = responses;
        this.checkpoint = checkpoint;
        this.tracker = tracker;
        this.beforeWaiting = beforeWaiting;
    }

    static InstructionWait none() {
        Runnable nothing = () -> {
        };
        return new InstructionWait(List.of(), List.of(), nothing, null, nothing);
    }

    @Override
    public List<String> instructionIds() {
        return ids;
    }

    @Override
    public boolean done() {
        beforeWaiting.run();
        return responses.stream().allMatch(CompletableFuture::isDone);
    }

    @Override
    public void await() {
        beforeWaiting.run();
        for (int i = 0; i < responses.size(); i++) {
            DeviceInstructionResponse response = awaitOne(i);
            if ("error".equals(response.status())) {
                throw failure(response);
            }
        }
    }

    /** The scan failure an {@code error} response stands for, naming the device. */
    static ScanException failure(DeviceInstructionResponse response) {
        ErrorInfo error = response.errorInfo();
        String device = error == null || error.device() == null ? String.valueOf(response.device())
                : String.valueOf(error.device());
        return new ScanException("DeviceInstructionError", error == null ? "device instruction failed"
                : error.compactErrorMessage(), device);
    }

    private DeviceInstructionResponse awaitOne(int index) {
        CompletableFuture<DeviceInstructionResponse> response = responses.get(index);
        while (true) {
            try {
                return response.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                try {
                    checkpoint.run();
                } catch (RuntimeException stopped) {
                    ids.forEach(tracker::forget);
                    throw stopped;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.jbec.scan.api.ScanInterruptedException("interrupted while waiting for " + ids);
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                throw new ScanException("DeviceInstructionError", "instruction " + ids.get(index)
                        + " could not be sent or was cancelled: " + e);
            }
        }
    }
}
