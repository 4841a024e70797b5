package org.jbec.epics.internal;

import org.jbec.epics.api.PvValue;

import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.STS;
import gov.aps.jca.dbr.TIME;
import gov.aps.jca.dbr.TimeStamp;

/** CA values as jBEC's: scalars as Double or String, arrays as double[], EPICS time as epoch seconds. */
final class Dbrs {

    /** Seconds between the POSIX epoch and the EPICS epoch (1990-01-01 UTC). */
    private static final long EPICS_EPOCH = 631_152_000L;

    private Dbrs() {
    }

    static PvValue value(DBR dbr) {
        Object value;
        if (dbr.isSTRING()) {
            String[] s = (String[]) dbr.getValue();
            value = s.length == 1 ? s[0] : String.join(",", s);
        } else {
            double[] d = dbr.isDOUBLE() ? (double[]) dbr.getValue() : toDoubles(dbr);
            value = d.length == 1 ? (Object) d[0] : d;
        }
        double timestamp = System.currentTimeMillis() / 1000.0;
        if (dbr instanceof TIME t && t.getTimeStamp() != null) {
            TimeStamp ts = t.getTimeStamp();
            timestamp = ts.secPastEpoch() + EPICS_EPOCH + ts.nsec() / 1e9;
        }
        int severity = dbr instanceof STS s && s.getSeverity() != null ? s.getSeverity().getValue() : 0;
        return new PvValue(value, timestamp, severity);
    }

    private static double[] toDoubles(DBR dbr) {
        Object raw = dbr.getValue();
        int n = java.lang.reflect.Array.getLength(raw);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) java.lang.reflect.Array.get(raw, i)).doubleValue();
        }
        return out;
    }
}
