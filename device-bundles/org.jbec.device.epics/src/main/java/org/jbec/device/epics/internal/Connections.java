package org.jbec.device.epics.internal;

import java.util.ArrayList;
import java.util.List;

import org.jbec.device.api.DeviceEvents;
import org.jbec.epics.api.PvChannel;

/**
 * Tells the device server when a device's PVs are all connected and when one is not, naming it: the
 * device is then refused instructions (fast, with the PV's name) and an alarm is raised; it is back by
 * itself when the IOC is.
 */
final class Connections {

    private final List<PvChannel> channels;
    private final DeviceEvents events;
    private final List<AutoCloseable> listeners = new ArrayList<>();
    private Boolean reported;

    /** Give a new device's channels this long to connect before its first reading. */
    static final java.time.Duration FIRST_CONNECT = java.time.Duration.ofSeconds(2);

    Connections(List<PvChannel> channels, DeviceEvents events) {
        this.channels = List.copyOf(channels);
        this.events = events;
        long deadline = System.nanoTime() + FIRST_CONNECT.toNanos();
        for (PvChannel c : channels) {
            c.awaitConnected(java.time.Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        channels.forEach(c -> listeners.add(c.onConnection(up -> changed())));
    }

    private synchronized void changed() {
        PvChannel down = channels.stream().filter(c -> !c.connected()).findFirst().orElse(null);
        boolean all = down == null;
        if (reported == null || reported != all) {
            reported = all;
            events.connection(all, all ? "all PVs connected" : "PV " + down.pv() + " not connected");
        }
    }

    void close() {
        listeners.forEach(l -> {
            try {
                l.close();
            } catch (Exception e) {
                // the channel is shared and stays; only this listener goes
            }
        });
    }
}
