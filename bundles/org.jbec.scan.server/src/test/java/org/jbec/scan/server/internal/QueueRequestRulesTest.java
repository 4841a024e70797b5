package org.jbec.scan.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jbec.bus.api.message.ScanQueueMessage;
import org.junit.jupiter.api.Test;

class QueueRequestRulesTest {

    private static final QueueRequestRules.DeviceCatalogue SESSION = name -> switch (name) {
        case "samx" -> Optional.of(true);
        case "samy" -> Optional.of(false);
        default -> Optional.empty();
    };

    private static ScanQueueMessage rpc(String func) {
        return new ScanQueueMessage(Map.of("client_info", Map.of("acl_user", "")), "device_rpc",
                Map.of("args", List.of(), "kwargs", Map.of("device", "samx", "func", func)), "primary", true);
    }

    @Test
    void anEmptyAclUserIsTheDefaultUser() {
        assertEquals(Optional.empty(), QueueRequestRules.rejection("default", rpc("set"), Map.of("device_rpc", true), SESSION));
        assertTrue(QueueRequestRules.rejection("alice", rpc("set"), Map.of("device_rpc", true), SESSION).isPresent());
    }

    @Test
    void onlyGetAndReadBypassTheQueue() {
        assertTrue(QueueRequestRules.isDirectRead(rpc("read")));
        assertTrue(QueueRequestRules.isDirectRead(rpc("x.readback.get")));
        assertFalse(QueueRequestRules.isDirectRead(rpc("set")));
        assertFalse(QueueRequestRules.isDirectRead(rpc("read_configuration")));
        assertFalse(QueueRequestRules.isDirectRead(rpc("velocity.put")));
    }

    @Test
    void unknownNamesAmongPlainArgumentsAreValuesNotDevices() {
        ScanQueueMessage time = new ScanQueueMessage(Map.of("client_info", Map.of("acl_user", "default")), "time_scan",
                Map.of("args", List.of("ghost", 5, 0.1), "kwargs", Map.of()), "primary", true);
        assertEquals(Optional.empty(), QueueRequestRules.rejection("default", time, Map.of("time_scan", true), SESSION));
        ScanQueueMessage list = new ScanQueueMessage(Map.of("client_info", Map.of("acl_user", "default")), "time_scan",
                Map.of("args", List.of("samy", 5), "kwargs", Map.of()), "primary", true);
        assertTrue(QueueRequestRules.rejection("default", list, Map.of("time_scan", true), SESSION).orElseThrow().contains("samy"));
    }
}
