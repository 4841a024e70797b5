package org.jbec.device.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jbec.config.DeviceConfig;
import org.jbec.device.api.Device;

/**
 * A device of the session as the server holds it: its configuration, the object its class built
 * (none while the class is missing or the device disabled), why it is not there, and the state to
 * restore when it is rebuilt.
 */
final class ManagedDevice {

    final DeviceConfig config;
    volatile Device device;
    volatile String problem = "";
    /**
     * When its class left (a bundle being updated): until then instructions for the device wait for it
     * to come back (up to {@link InstructionExecutor#CLASS_RETURN}) instead of failing a running scan.
     */
    volatile long classLeftNanos;
    /** Metadata of the last instruction, carried by the readbacks published after it (BEC does so). */
    volatile Map<String, Object> metadata = Map.of();
    /** The last setpoint of a positioner, restored when the device is rebuilt. */
    volatile Double lastSetpoint;
    final List<AutoCloseable> subscriptions = new ArrayList<>();

    ManagedDevice(DeviceConfig config) {
        this.config = config;
    }

    String name() {
        return config.name();
    }

    /**
     * Set when a call of this device, run on the bus thread on the strength of its
     * {@link Device#nonBlocking()}, took too long: from then on its instructions run on the device
     * threads (until the device is rebuilt).
     */
    volatile boolean blockedTheBus;

    /** Whether its reads and sets may run on the thread that received them from the bus. */
    boolean mayRunOnBusThread() {
        Device d = device;
        if (d == null || blockedTheBus || !connected) {
            return false;
        }
        try {
            return d.nonBlocking();
        } catch (RuntimeException | LinkageError e) {
            return false; // plugin code: a class gone with its bundle, say
        }
    }

    /** False while the device reports itself disconnected (see {@link DeviceEventPublisher#connection}). */
    volatile boolean connected = true;

    boolean ready() {
        return device != null && connected;
    }

    /** Instructions running on the device now: its class update waits until none is. */
    private int inUse;

    /** True from the moment its class is leaving until the device is rebuilt: no new claims meanwhile. */
    private boolean closing;

    /** Marks an instruction as using the device; false when it is gone or going. */
    synchronized boolean claim() {
        if (closing || !ready()) {
            return false;
        }
        inUse++;
        return true;
    }

    synchronized boolean closing() {
        return closing;
    }

    /** The device was built again: claims are allowed. */
    synchronized void reopened() {
        closing = false;
        notifyAll();
    }

    synchronized void release() {
        inUse = Math.max(0, inUse - 1);
        notifyAll();
    }

    /**
     * Waits (up to {@code millis}) until no instruction uses the device, then runs {@code teardown}
     * while no new one can claim it: a read in flight finishes on the old class, the next instruction
     * waits for the new one.
     */
    synchronized void whenIdle(long millis, Runnable teardown) {
        closing = true;
        classLeftNanos = System.nanoTime();
        long deadline = System.currentTimeMillis() + millis;
        while (inUse > 0 && System.currentTimeMillis() < deadline) {
            try {
                wait(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        teardown.run();
    }

    void closeSubscriptions() {
        synchronized (subscriptions) {
            for (AutoCloseable s : subscriptions) {
                try {
                    s.close();
                } catch (Exception e) {
                    // a listener of a device being torn down
                }
            }
            subscriptions.clear();
        }
    }
}
