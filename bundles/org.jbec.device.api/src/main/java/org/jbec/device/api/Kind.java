package org.jbec.device.api;

/**
 * ophyd's signal kind: which reading a signal appears in. {@code hinted} and {@code normal} are in
 * {@code read()}, {@code config} in {@code read_configuration()}, {@code omitted} in neither.
 * The numbers are ophyd's (BEC's device info carries them as {@code kind_int}).
 */
public enum Kind {
    OMITTED(0), NORMAL(1), CONFIG(2), HINTED(5);

    private final int value;

    Kind(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** ophyd's name ({@code hinted}, ...). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean inRead() {
        return this == HINTED || this == NORMAL;
    }
}
