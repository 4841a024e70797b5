package org.jbec.bus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.DeviceMessage;
import org.jbec.bus.api.message.ScanMessage;
import org.jbec.bus.api.message.ScanStatusMessage;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void keysAsBecNamesThem() {
        assertEquals("info/devices/readback/samx", Endpoints.deviceReadback("samx").key());
        assertEquals("info/public/s-1/scan_segment/3", Endpoints.publicScanSegment("s-1", "3").key());
        assertEquals("personal/alice/queue/queue_request", Endpoints.scanQueueRequest("alice").key());
        assertEquals(MessageOp.STREAM, Endpoints.log().op());
        assertTrue(Endpoints.deviceRead("*").isPattern());
    }

    @Test
    void anOperationTheEndpointDoesNotAllowIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Endpoints.deviceReadback("samx").check("xadd", null));
        assertTrue(e.getMessage().startsWith("endpoint info/devices/readback/samx (SET_PUBLISH) does not allow xadd"),
                e.getMessage());
    }

    @Test
    void aMessageOfAnotherClassIsRefused() {
        Endpoint<DeviceMessage> readback = Endpoints.deviceReadback("samx");
        Object wrong = new ScanMessage(null, 1L, "s", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> readback.check("set_and_publish", wrong));
        assertEquals("endpoint info/devices/readback/samx takes DeviceMessage, not ScanMessage", e.getMessage());
        readback.check("set_and_publish", new DeviceMessage(null, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> readback.check("set_and_publish", List.of(new DeviceMessage(null, Map.of()), wrong)));
    }

    @Test
    void keyPartsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Endpoints.deviceReadback(""));
        assertThrows(IllegalArgumentException.class, () -> Endpoints.deviceReadback(null));
        assertEquals("user/services/status/BECIPythonClient/1234", Endpoints.serviceStatus("BECIPythonClient/1234").key());
    }

    @Test
    void messageConstructorsValidateLiterals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScanStatusMessage(null, "s", "running", null, null, null, null, 0L, null, null, null, null,
                        null, null, Map.of(), Map.of(), Map.of(), 1.0));
        assertTrue(e.getMessage().startsWith("ScanStatusMessage.status: 'running' is not one of"), e.getMessage());
    }
}
