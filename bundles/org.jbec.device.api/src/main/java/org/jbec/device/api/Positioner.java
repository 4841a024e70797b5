package org.jbec.device.api;

/** A device that moves to a position (ophyd's PositionerBase). */
public interface Positioner extends Device {

    /**
     * Starts a move; the status ends when the position is reached (within the tolerance) and fails
     * when the target lies outside the limits, the move is stopped, or the device fails.
     */
    DeviceStatus move(double target);

    double position();

    Limits limits();

    boolean moving();

    /** Egu of the position, or empty. */
    default String units() {
        return "";
    }
}
