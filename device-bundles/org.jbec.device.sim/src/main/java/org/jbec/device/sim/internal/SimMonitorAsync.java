package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jbec.device.api.Device;
import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Positioner;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * BEC's SimMonitorAsync (bec-behaviour.md §3.2): every trigger buffers one value of the peak model
 * and its timestamp; every n-th trigger (n drawn from 1–9 at each stage) and at complete the buffer
 * goes to the async readback stream, {@code extend} as one growing dataset, {@code append} as one
 * row per send; progress is published as points over the scan's points.
 */
final class SimMonitorAsync implements Device {

    private final DeviceContext context;
    private final SimModel model;
    private final String refMotor;
    private final Random random = new Random();
    private final SimSignal asyncUpdate;
    private final List<Signal> signals;
    private final List<Object> values = new ArrayList<>();
    private final List<Object> timestamps = new ArrayList<>();
    private int every = 1;
    private int triggered;

    SimMonitorAsync(DeviceContext context, SimModel model, String refMotor, String update) {
        this.context = context;
        this.model = model;
        this.refMotor = refMotor;
        this.asyncUpdate = new SimSignal(context.name() + "_async_update", "async_update", Kind.CONFIG, true, update,
                new SignalDescription("SIM:" + context.name(), "string", List.of(), "", -1));
        this.signals = List.of(asyncUpdate);
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public List<Signal> signals() {
        return signals;
    }

    @Override
    public synchronized DeviceStatus stage() {
        every = 1 + random.nextInt(9);
        triggered = 0;
        values.clear();
        timestamps.clear();
        return DeviceStatus.done(name() + " stage");
    }

    @Override
    public synchronized DeviceStatus trigger() {
        double x = context.device(refMotor).filter(Positioner.class::isInstance)
                .map(d -> ((Positioner) d).position()).orElse(0.0);
        values.add((long) Math.max(0, Math.floor(model.value(x))));
        timestamps.add(System.currentTimeMillis() / 1000.0);
        triggered++;
        if (triggered % every == 0) {
            send();
        }
        long points = context.events().scanPoints();
        context.events().progress(triggered, points > 0 ? points : triggered, points > 0 && triggered >= points);
        return DeviceStatus.done(name() + " trigger");
    }

    @Override
    public synchronized DeviceStatus complete() {
        send();
        return DeviceStatus.done(name() + " complete");
    }

    private void send() {
        if (values.isEmpty()) {
            return;
        }
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("value", new ArrayList<>(values));
        reading.put("timestamp", new ArrayList<>(timestamps));
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put(name(), reading);
        boolean append = "append".equals(asyncUpdate.get());
        context.events().asyncReadback(signals, "add", append ? java.util.Arrays.asList(null, null)
                : java.util.Arrays.asList((Integer) null));
        values.clear();
        timestamps.clear();
    }
}
