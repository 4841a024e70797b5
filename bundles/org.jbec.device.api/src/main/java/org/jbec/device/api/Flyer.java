package org.jbec.device.api;

import java.util.List;
import java.util.Map;

/** A device that acquires on its own between kickoff and complete (ophyd's Flyer). */
public interface Flyer extends Device {

    /** What it acquired since kickoff, one map of readings per event. */
    List<Map<String, Reading>> collect();

    /**
     * Starts the flight with the scan's settings (BEC's {@code parameter.configure}: e.g.
     * {@code num_pos}, {@code positions}, {@code exp_time}); the status ends when it is launched.
     */
    default DeviceStatus kickoff(Map<String, Object> configure) {
        return kickoff();
    }
}
