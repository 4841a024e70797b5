package org.jbec.epics.simioc;

import gov.aps.jca.CAStatus;
import gov.aps.jca.cas.ProcessVariableWriteCallback;
import java.util.List;

/**
 * A simulated EPICS motor record: the subset of fields that scan software (BEC/ophyd EpicsMotor)
 * uses. A put to VAL within [LLM, HLM] starts a motion at VELO; its put-callback is held and
 * completed when the motion ends (arrival, STOP or a new target), which is what "move and wait" relies on.
 */
final class SimMotor {
    /** PV name suffixes served for a motor prefix; "" is the record name itself (same as .VAL). */
    static final List<String> FIELDS = List.of("", ".VAL", ".RBV", ".DMOV", ".MOVN", ".STOP", ".HLM", ".LLM",
            ".VELO", ".EGU", ".PREC", ".LVIO");

    private final SimPv name, val, rbv, dmov, movn, stop, hlm, llm, velo, egu, prec, lvio;

    // motion state, guarded by this
    private double target, position, velocity, low, high;
    private boolean moving;
    private long lastTickNanos;
    private ProcessVariableWriteCallback pending;

    SimMotor(IocConfig.Motor m) {
        String p = m.prefix();
        int pr = m.precision();
        target = position = m.position();
        velocity = m.velocity();
        low = m.lowLimit();
        high = m.highLimit();
        SimPv.Writer toVal = (pv, dbr, cb) -> move(SimPv.doubleOf(dbr), cb);
        name = SimPv.ofDouble(p, position, m.egu(), pr, toVal);
        val = SimPv.ofDouble(p + ".VAL", position, m.egu(), pr, toVal);
        rbv = SimPv.ofDouble(p + ".RBV", position, m.egu(), pr, null);
        dmov = SimPv.ofShort(p + ".DMOV", 1, null);
        movn = SimPv.ofShort(p + ".MOVN", 0, null);
        stop = SimPv.ofShort(p + ".STOP", 0, (pv, dbr, cb) -> stop(SimPv.shortOf(dbr)));
        hlm = SimPv.ofDouble(p + ".HLM", high, m.egu(), pr, (pv, dbr, cb) -> setLimit(true, SimPv.doubleOf(dbr)));
        llm = SimPv.ofDouble(p + ".LLM", low, m.egu(), pr, (pv, dbr, cb) -> setLimit(false, SimPv.doubleOf(dbr)));
        velo = SimPv.ofDouble(p + ".VELO", velocity, m.egu() + "/s", pr, (pv, dbr, cb) -> setVelocity(SimPv.doubleOf(dbr)));
        egu = SimPv.ofString(p + ".EGU", m.egu());
        prec = SimPv.ofShort(p + ".PREC", pr, null);
        lvio = SimPv.ofShort(p + ".LVIO", 0, null);
        showLimits();
    }

    /** In the order of {@link #FIELDS}. */
    List<SimPv> pvs() {
        return List.of(name, val, rbv, dmov, movn, stop, hlm, llm, velo, egu, prec, lvio);
    }

    synchronized double readback() {
        return position;
    }

    private CAStatus move(double newTarget, ProcessVariableWriteCallback cb) {
        ProcessVariableWriteCallback superseded;
        synchronized (this) {
            if (!Double.isFinite(newTarget)) return CAStatus.PUTFAIL;
            if (low < high && (newTarget < low || newTarget > high)) {
                // as the motor record: refuse, flag LVIO, keep VAL and any motion under way
                lvio.setShort(1);
                return CAStatus.NORMAL;
            }
            lvio.setShort(0);
            target = newTarget;
            name.setDouble(newTarget);
            val.setDouble(newTarget);
            superseded = pending;
            pending = cb;
            if (!moving) {
                // even a move to the current position shows DMOV 0 -> 1, so waiting clients see a done edge
                moving = true;
                lastTickNanos = System.nanoTime();
                dmov.setShort(0);
                movn.setShort(1);
            }
        }
        complete(superseded);
        return null; // completed by tick() or stop()
    }

    /** One motion step, called update_hz times a second; steps by elapsed time so jitter does not change speed. */
    void tick(long nowNanos) {
        ProcessVariableWriteCallback done = null;
        synchronized (this) {
            if (!moving) return;
            double step = velocity * (nowNanos - lastTickNanos) / 1e9;
            lastTickNanos = nowNanos;
            double distance = target - position;
            if (Math.abs(distance) <= step) {
                position = target;
                rbv.setDouble(position);
                done = finish();
            } else {
                position += Math.signum(distance) * step;
                rbv.setDouble(position);
            }
        }
        complete(done);
    }

    private CAStatus stop(short value) {
        if (value == 0) return CAStatus.NORMAL;
        ProcessVariableWriteCallback done = null;
        synchronized (this) {
            if (moving) {
                // as the motor record: the setpoint becomes where the motor stopped
                target = position;
                name.setDouble(position);
                val.setDouble(position);
                done = finish();
            }
        }
        complete(done);
        return CAStatus.NORMAL; // STOP reads 0 again at once, as the record resets it after processing
    }

    /** Ends a motion (caller holds the lock): RBV is final before DMOV=1 is posted. */
    private ProcessVariableWriteCallback finish() {
        moving = false;
        movn.setShort(0);
        dmov.setShort(1);
        ProcessVariableWriteCallback done = pending;
        pending = null;
        return done;
    }

    private synchronized CAStatus setLimit(boolean upper, double v) {
        if (!Double.isFinite(v)) return CAStatus.PUTFAIL;
        if (upper) {
            high = v;
            hlm.setDouble(v);
        } else {
            low = v;
            llm.setDouble(v);
        }
        showLimits();
        return CAStatus.NORMAL;
    }

    private synchronized CAStatus setVelocity(double v) {
        if (!(v > 0) || !Double.isFinite(v)) return CAStatus.PUTFAIL;
        velocity = v;
        velo.setDouble(v);
        return CAStatus.NORMAL;
    }

    /** Clients (display managers) read the soft limits as the setpoint's control limits. */
    private void showLimits() {
        for (SimPv pv : List.of(name, val, rbv)) pv.setLimits(low, high);
    }

    private static void complete(ProcessVariableWriteCallback cb) {
        if (cb != null) cb.processVariableWriteCompleted(CAStatus.NORMAL);
    }
}
