package org.jbec.scan.server.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;

/**
 * BEC's instruction handler (bec-protocol.md §5.4): sends device instructions and resolves each one
 * by its final response ({@code completed} or {@code error}). Entries are dropped when resolved or
 * abandoned, so a long run keeps only what is in flight.
 */
final class InstructionTracker implements AutoCloseable {

    private final Connector bus;
    private final Map<String, CompletableFuture<DeviceInstructionResponse>> pending = new ConcurrentHashMap<>();
    /** What was sent for each pending id, to send again after a Redis outage. */
    private final Map<String, DeviceInstructionMessage> sent = new ConcurrentHashMap<>();
    private final Subscription subscription;
    private final Subscription outages;
    private volatile boolean wasDown;

    InstructionTracker(Connector bus) {
        this.bus = bus;
        this.subscription = bus.subscribe(Endpoints.deviceInstructionsResponse(), this::onResponse);
        this.outages = bus.onStateChange(this::onConnection);
    }

    /**
     * An instruction or its answer may have been lost while Redis was away: every one still waited for
     * is sent again (same id; the device server answers a repeat without running it twice).
     */
    private void onConnection(org.jbec.bus.api.ConnectionState state) {
        if (state != org.jbec.bus.api.ConnectionState.CONNECTED) {
            wasDown = true;
            return;
        }
        if (wasDown) {
            wasDown = false;
            sent.forEach((id, instruction) -> {
                if (pending.containsKey(id)) {
                    try {
                        bus.send(Endpoints.deviceInstructions(), instruction);
                    } catch (RuntimeException e) {
                        // the next reconnect tries again; the scan still waits for its answer
                    }
                }
            });
        }
    }

    /** Sends the instruction; the future completes with its final response. */
    CompletableFuture<DeviceInstructionResponse> send(DeviceInstructionMessage instruction) {
        CompletableFuture<DeviceInstructionResponse> done = register(instruction);
        write(List.of(instruction));
        return done;
    }

    /** Waits for the instruction's answer without sending it yet ({@link #write} sends it). */
    CompletableFuture<DeviceInstructionResponse> register(DeviceInstructionMessage instruction) {
        String id = idOf(instruction);
        CompletableFuture<DeviceInstructionResponse> done = new CompletableFuture<>();
        pending.put(id, done);
        sent.put(id, instruction);
        return done;
    }

    /**
     * Sends registered instructions in one write, in order. Not waiting for Redis's reply saves the
     * scan a blocking round trip per instruction; all instructions take the one connection of
     * unacknowledged writes, so they stay in order.
     */
    void write(List<DeviceInstructionMessage> instructions) {
        try {
            Connector.Batch out = bus.unacknowledgedBatch();
            for (DeviceInstructionMessage instruction : instructions) {
                out.send(Endpoints.deviceInstructions(), instruction);
            }
            out.execute();
        } catch (RuntimeException e) {
            for (DeviceInstructionMessage instruction : instructions) {
                String id = idOf(instruction);
                sent.remove(id);
                CompletableFuture<DeviceInstructionResponse> done = pending.remove(id);
                if (done != null) {
                    done.completeExceptionally(e);
                }
            }
        }
    }

    /** The instruction's {@code device_instr_id}. */
    static String idOf(DeviceInstructionMessage instruction) {
        return String.valueOf(instruction.metadata().get("device_instr_id"));
    }

    /** Stops waiting for an instruction (its scan was stopped). */
    void forget(String instructionId) {
        pending.remove(instructionId);
        sent.remove(instructionId);
    }

    int inFlight() {
        return pending.size();
    }

    private void onResponse(BusEvent event) {
        for (Object message : event.messages()) {
            if (message instanceof DeviceInstructionResponse response && !"running".equals(response.status())) {
                sent.remove(response.instructionId());
                CompletableFuture<DeviceInstructionResponse> done = pending.remove(response.instructionId());
                if (done != null) {
                    done.complete(response);
                }
            }
        }
    }

    @Override
    public void close() {
        subscription.close();
        outages.close();
        sent.clear();
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
    }
}
