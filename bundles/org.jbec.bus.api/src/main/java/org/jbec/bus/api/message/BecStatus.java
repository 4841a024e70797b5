package org.jbec.bus.api.message;

/** A service's state (BEC's {@code BECStatus}, sent as an {@code Enum} envelope of its value). */
public enum BecStatus {
    RUNNING(2), BUSY(1), IDLE(0), ERROR(-1);

    private final int value;

    BecStatus(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** @throws IllegalArgumentException for a value BEC does not define */
    public static BecStatus of(long value) {
        for (BecStatus s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("BECStatus has no value " + value);
    }
}
