package org.jbec.epics.simioc;

import com.cosylab.epics.caj.cas.handlers.AbstractCASResponseHandler;
import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.Monitor;
import gov.aps.jca.cas.ProcessVariable;
import gov.aps.jca.cas.ProcessVariableReadCallback;
import gov.aps.jca.cas.ProcessVariableWriteCallback;
import gov.aps.jca.cas.ServerChannel;
import gov.aps.jca.dbr.CTRL;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DOUBLE;
import gov.aps.jca.dbr.GR;
import gov.aps.jca.dbr.PRECISION;
import gov.aps.jca.dbr.SHORT;
import gov.aps.jca.dbr.STS;
import gov.aps.jca.dbr.Severity;
import gov.aps.jca.dbr.Status;
import gov.aps.jca.dbr.TIME;
import gov.aps.jca.dbr.TimeStamp;
import java.util.Objects;

/**
 * One served PV: a double, short or string value (an array for waveforms) with units, precision and
 * control limits. Unlike MemoryProcessVariable it reports NO_ALARM (a memory PV says UDF/INVALID, which
 * clients show as an alarm) and posts a monitor event only when the value changes. Writes go to a
 * {@link Writer}; a PV without one is read-only and its channels say so in their access rights.
 */
final class SimPv extends ProcessVariable {

    /** Handles a client put; the DBR is already converted to the PV's type. Null = complete later via cb. */
    @FunctionalInterface
    interface Writer {
        CAStatus write(SimPv pv, DBR value, ProcessVariableWriteCallback cb);
    }

    private final DBRType type;
    private final Writer writer;
    private Object value; // double[], short[] or String[]; replaced, never mutated, once published
    private TimeStamp timestamp = new TimeStamp();
    private volatile String units = "";
    private volatile short precision = -1;
    private volatile double lowLimit, highLimit;

    private SimPv(String name, DBRType type, Object initial, Writer writer) {
        super(name, null); // DefaultServerImpl sets the event callback when the first client attaches
        this.type = type;
        this.value = initial;
        this.writer = writer;
    }

    static SimPv ofDouble(String name, double initial, String units, int precision, Writer writer) {
        SimPv pv = new SimPv(name, DBRType.DOUBLE, new double[] {initial}, writer);
        pv.units = units;
        pv.precision = (short) precision;
        return pv;
    }

    static SimPv ofDoubles(String name, double[] initial, String units) {
        SimPv pv = new SimPv(name, DBRType.DOUBLE, initial.clone(), null);
        pv.units = units;
        return pv;
    }

    static SimPv ofShort(String name, int initial, Writer writer) {
        return new SimPv(name, DBRType.SHORT, new short[] {(short) initial}, writer);
    }

    static SimPv ofString(String name, String initial) {
        return new SimPv(name, DBRType.STRING, new String[] {initial}, null);
    }

    /** A scalar double that stores what the client wrote and completes the put at once (analog out). */
    static final Writer STORE_DOUBLE = (pv, dbr, cb) -> {
        pv.setDouble(doubleOf(dbr));
        return CAStatus.NORMAL;
    };

    @Override
    public DBRType getType() {
        return type;
    }

    @Override
    public int getDimensionSize(int dimension) {
        return dimension == 0 ? java.lang.reflect.Array.getLength(currentValue()) : 0;
    }

    /** Display and control limits shown to clients (a motor's VAL shows LLM..HLM). */
    void setLimits(double low, double high) {
        this.lowLimit = low;
        this.highLimit = high;
    }

    @Override
    public ServerChannel createChannel(int cid, int sid, String userName, String hostName) {
        if (writer != null) return new ServerChannel(this, cid, sid, userName, hostName);
        return new ServerChannel(this, cid, sid, userName, hostName) {
            @Override
            public boolean writeAccess() {
                return false;
            }
        };
    }

    @Override
    public CAStatus read(DBR dbr, ProcessVariableReadCallback asyncReadCallback) throws CAException {
        Object v;
        TimeStamp ts;
        synchronized (this) {
            v = value;
            ts = timestamp;
        }
        fill(dbr, v, ts);
        return CAStatus.NORMAL;
    }

    @Override
    public CAStatus write(DBR dbr, ProcessVariableWriteCallback cb) throws CAException {
        if (writer == null) return CAStatus.NOWTACCESS;
        return writer.write(this, dbr, cb);
    }

    double getDouble() {
        return ((double[]) currentValue())[0];
    }

    short getShort() {
        return ((short[]) currentValue())[0];
    }

    void setDouble(double v) {
        set(new double[] {v});
    }

    void setShort(int v) {
        set(new short[] {(short) v});
    }

    /** Publishes a new value (array of the PV's type) and posts a monitor event if it changed. */
    void set(Object newValue) {
        DBR event;
        synchronized (this) {
            if (Objects.deepEquals(value, newValue)) return;
            value = newValue;
            timestamp = new TimeStamp();
            if (!interest || eventCallback == null) return;
            // a full CTRL DBR: the server converts it to each monitor's requested type and count
            event = AbstractCASResponseHandler.createDBRforReading(this);
            fill(event, value, timestamp);
        }
        eventCallback.postEvent(Monitor.VALUE | Monitor.LOG, event);
    }

    private synchronized Object currentValue() {
        return value;
    }

    private void fill(DBR dbr, Object v, TimeStamp ts) {
        if (dbr instanceof STS sts) {
            sts.setStatus(Status.NO_ALARM);
            sts.setSeverity(Severity.NO_ALARM);
        }
        if (dbr instanceof TIME time) time.setTimeStamp(ts);
        if (dbr instanceof PRECISION p) p.setPrecision(precision);
        if (dbr instanceof GR gr) {
            gr.setUnits(units);
            gr.setUpperDispLimit(highLimit);
            gr.setLowerDispLimit(lowLimit);
            gr.setUpperAlarmLimit(0.0);
            gr.setUpperWarningLimit(0.0);
            gr.setLowerWarningLimit(0.0);
            gr.setLowerAlarmLimit(0.0);
        }
        if (dbr instanceof CTRL ctrl) {
            ctrl.setUpperCtrlLimit(highLimit);
            ctrl.setLowerCtrlLimit(lowLimit);
        }
        int n = Math.min(java.lang.reflect.Array.getLength(v), dbr.getCount());
        System.arraycopy(v, 0, dbr.getValue(), 0, n);
    }

    static double doubleOf(DBR dbr) {
        return ((DOUBLE) dbr).getDoubleValue()[0];
    }

    static short shortOf(DBR dbr) {
        return ((SHORT) dbr).getShortValue()[0];
    }
}
