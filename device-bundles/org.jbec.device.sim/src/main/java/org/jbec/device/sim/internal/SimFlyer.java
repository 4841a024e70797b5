package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jbec.device.api.DeviceContext;
import org.jbec.device.api.DeviceException;
import org.jbec.device.api.DeviceStatus;
import org.jbec.device.api.Flyer;
import org.jbec.device.api.Kind;
import org.jbec.device.api.Reading;
import org.jbec.device.api.Signal;
import org.jbec.device.api.SignalDescription;

/**
 * BEC's SynFlyer (bec-behaviour.md §3.5): kickoff with {@code num_pos}, {@code positions} and
 * {@code exp_time} flies through the positions, one point every exp_time, each published as a read
 * of {@code flyer_samx}/{@code flyer_samy} with its point id; status 1 while flying, 0 when done;
 * complete ends with the flight.
 */
final class SimFlyer implements Flyer {

    private final DeviceContext context;
    private final SimSignal x;
    private final SimSignal y;
    private final List<Map<String, Reading>> collected = Collections.synchronizedList(new ArrayList<>());
    private DeviceStatus flight = DeviceStatus.done("no flight");
    private ScheduledFuture<?> ticker;

    SimFlyer(DeviceContext context) {
        this.context = context;
        SignalDescription position = SignalDescription.number("SIM:" + context.name(), "mm", 3);
        this.x = new SimSignal("flyer_samx", "samx", Kind.HINTED, false, 0.0, position);
        this.y = new SimSignal("flyer_samy", "samy", Kind.HINTED, false, 0.0, position);
    }

    @Override
    public String name() {
        return context.name();
    }

    @Override
    public List<Signal> signals() {
        return List.of(x, y);
    }

    @Override
    public synchronized DeviceStatus kickoff(Map<String, Object> configure) {
        if (!flight.isDone()) {
            return DeviceStatus.failed(name() + " kickoff", new DeviceException(name() + " is already flying"));
        }
        List<?> positions = configure.get("positions") instanceof List<?> l ? l : List.of();
        long points = configure.get("num_pos") instanceof Number n ? n.longValue() : positions.size();
        double expTime = configure.get("exp_time") instanceof Number n ? n.doubleValue() : 0;
        if (points <= 0) {
            return DeviceStatus.failed(name() + " kickoff", new DeviceException(name() + ": num_pos must be positive"));
        }
        collected.clear();
        DeviceStatus status = DeviceStatus.pending(name() + " flight of " + points + " points");
        flight = status;
        context.events().status(1);
        long[] next = {0};
        long periodMicros = Math.max(1000, (long) (expTime * 1e6));
        ticker = context.timer().scheduleAtFixedRate(() -> {
            synchronized (this) {
                if (status.isDone()) {
                    return;
                }
                long i = next[0]++;
                double[] p = position(positions, i);
                x.update(p[0]);
                y.update(p[1]);
                Map<String, Reading> point = new LinkedHashMap<>();
                point.put(x.name(), x.reading());
                point.put(y.name(), y.reading());
                collected.add(point);
                context.events().pointRead(point, i);
                if (next[0] >= points) {
                    ticker.cancel(false);
                    context.events().status(0);
                    status.finish();
                }
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        return DeviceStatus.done(name() + " kickoff");
    }

    private static double[] position(List<?> positions, long i) {
        if (i < positions.size() && positions.get((int) i) instanceof List<?> p && !p.isEmpty()) {
            double px = ((Number) p.get(0)).doubleValue();
            double py = p.size() > 1 ? ((Number) p.get(1)).doubleValue() : 0;
            return new double[] {px, py};
        }
        return new double[] {i, 0};
    }

    @Override
    public DeviceStatus complete() {
        return flight;
    }

    @Override
    public List<Map<String, Reading>> collect() {
        return List.copyOf(collected);
    }

    @Override
    public synchronized void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (!flight.isDone()) {
            flight.fail(new DeviceException("DeviceStopError: " + name() + " was stopped"));
            context.events().status(0);
        }
    }

    @Override
    public void destroy() {
        stop();
    }
}
