package org.jbec.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QueueActionTest {

    @Test
    void readsActionAndQueue() throws Exception {
        assertEquals(new QueueAction("abort", "primary"), QueueAction.parse("action=abort&queue=primary"));
        assertEquals(new QueueAction("deferred_pause", "primary"), QueueAction.parse("action=deferred_pause"));
        assertEquals(new QueueAction("continue", "beam-2"), QueueAction.parse("queue=beam-2&action=continue"));
    }

    @Test
    void refusesUnknownActionsNamingTheAllowedOnes() {
        var e = assertThrows(QueueAction.BadRequest.class, () -> QueueAction.parse("action=clear"));
        assertTrue(e.getMessage().contains("unknown action 'clear'"), e.getMessage());
        assertTrue(e.getMessage().contains("abort"), e.getMessage());
    }

    @Test
    void refusesMissingActionBadQueueNamesAndRepeatedFields() {
        assertThrows(QueueAction.BadRequest.class, () -> QueueAction.parse(""));
        assertThrows(QueueAction.BadRequest.class, () -> QueueAction.parse("action=abort&queue=%3Cscript%3E"));
        assertThrows(QueueAction.BadRequest.class, () -> QueueAction.parse("action=abort&queue=" + "q".repeat(65)));
        assertThrows(QueueAction.BadRequest.class, () -> QueueAction.parse("action=abort&action=pause"));
        assertThrows(QueueAction.BadRequest.class, () -> QueueAction.parse("action=%zz"));
    }
}
