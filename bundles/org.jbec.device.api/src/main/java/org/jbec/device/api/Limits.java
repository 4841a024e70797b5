package org.jbec.device.api;

/**
 * A positioner's travel limits; {@code low == high} means none, as in ophyd.
 */
public record Limits(double low, double high) {

    public static final Limits NONE = new Limits(0, 0);

    public boolean active() {
        return low != high;
    }

    public boolean allows(double position) {
        return !active() || (position >= Math.min(low, high) && position <= Math.max(low, high));
    }
}
