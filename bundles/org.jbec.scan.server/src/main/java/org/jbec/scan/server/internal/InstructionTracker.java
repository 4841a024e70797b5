package org.jbec.scan.server.internal;

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
    private final Subscription subscription;

    InstructionTracker(Connector bus) {
        this.bus = bus;
        this.subscription = bus.subscribe(Endpoints.deviceInstructionsResponse(), this::onResponse);
    }

    /** Sends the instruction; the future completes with its final response. */
    CompletableFuture<DeviceInstructionResponse> send(DeviceInstructionMessage instruction) {
        String id = String.valueOf(instruction.metadata().get("device_instr_id"));
        CompletableFuture<DeviceInstructionResponse> done = new CompletableFuture<>();
        pending.put(id, done);
        try {
            bus.send(Endpoints.deviceInstructions(), instruction);
        } catch (RuntimeException e) {
            pending.remove(id);
            done.completeExceptionally(e);
        }
        return done;
    }

    /** Stops waiting for an instruction (its scan was stopped). */
    void forget(String instructionId) {
        pending.remove(instructionId);
    }

    int inFlight() {
        return pending.size();
    }

    private void onResponse(BusEvent event) {
        for (Object message : event.messages()) {
            if (message instanceof DeviceInstructionResponse response && !"running".equals(response.status())) {
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
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
    }
}
