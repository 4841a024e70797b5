package org.jbec.device.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.jbec.bus.api.message.DeviceInstructionMessage;
import org.jbec.bus.api.message.DeviceInstructionResponse;
import org.junit.jupiter.api.Test;

class RecentInstructionsTest {

    private static DeviceInstructionResponse answer(String id) {
        DeviceInstructionMessage instruction = new DeviceInstructionMessage(Map.of("device_instr_id", id), "samx", "set",
                Map.of("value", 1.0));
        return new DeviceInstructionResponse(Map.of(), "samx", "completed", null, instruction, id, null, null);
    }

    @Test
    void aRepeatedIdIsNotRunAgainAndGetsTheFirstAnswer() {
        RecentInstructions recent = new RecentInstructions();
        assertTrue(recent.begin("a").isEmpty(), "new: run it");
        assertEquals(java.util.Optional.empty(), recent.begin("a").orElseThrow(), "still running: no answer yet");
        DeviceInstructionResponse done = answer("a");
        recent.finished("a", done);
        assertEquals(done, recent.begin("a").orElseThrow().orElseThrow());
        assertTrue(recent.begin("b").isEmpty());
    }

    @Test
    void instructionsWithoutAnIdAreAlwaysRun() {
        RecentInstructions recent = new RecentInstructions();
        assertTrue(recent.begin("").isEmpty());
        assertTrue(recent.begin("").isEmpty());
    }

    @Test
    void onlyTheNewestTenThousandAreKept() {
        RecentInstructions recent = new RecentInstructions();
        for (int i = 0; i <= 10_000; i++) {
            recent.begin("id" + i);
        }
        assertTrue(recent.begin("id0").isEmpty(), "the oldest was forgotten");
        assertTrue(recent.begin("id10000").isPresent());
    }
}
