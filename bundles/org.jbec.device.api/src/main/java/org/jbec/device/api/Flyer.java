package org.jbec.device.api;

import java.util.List;
import java.util.Map;

/** A device that acquires on its own between kickoff and complete (ophyd's Flyer). */
public interface Flyer extends Device {

    /** What it acquired since kickoff, one map of readings per event. */
    List<Map<String, Reading>> collect();
}
