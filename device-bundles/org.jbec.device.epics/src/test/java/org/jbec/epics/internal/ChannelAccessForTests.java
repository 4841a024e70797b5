package org.jbec.epics.internal;

import java.util.Map;

import org.jbec.epics.api.ChannelAccess;

/** A Channel Access client on loopback and one server port, for tests against a simulated IOC. */
public final class ChannelAccessForTests {

    private final ChannelAccessService service;

    public ChannelAccessForTests(int serverPort) {
        service = new ChannelAccessService(Map.of("addr_list", "127.0.0.1", "auto_addr_list", "false",
                "server_port", Integer.toString(serverPort), "repeater_port", Integer.toString(serverPort + 2)));
    }

    public ChannelAccess client() {
        return service;
    }

    public void close() {
        service.stop();
    }
}
