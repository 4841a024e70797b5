package org.jbec.epics.api;

/**
 * A value of a PV: Double, String or double[]; IOC timestamp in epoch seconds; alarm severity
 * (0 none, 1 minor, 2 major, 3 invalid).
 */
public record PvValue(Object value, double timestamp, int severity) {

    /** The value as a number. @throws EpicsException when it is not one */
    public double asDouble() {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new EpicsException("value " + value + " is not a number");
    }
}
