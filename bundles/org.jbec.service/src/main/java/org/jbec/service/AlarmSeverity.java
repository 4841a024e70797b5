package org.jbec.service;

/** BEC's alarm severities; MAJOR aborts the scan it concerns. */
public enum AlarmSeverity {
    WARNING(0), MINOR(1), MAJOR(2);

    private final int value;

    AlarmSeverity(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
