package org.jbec.device.sim.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.NdArray;
import org.jbec.device.api.DeviceEvents;

/** Keeps what a device published, for unit tests of one device class. */
final class RecordedEvents implements DeviceEvents {

    record Async(String signal, Object value, String type, List<Integer> maxShape, Integer index) {
    }

    final List<NdArray> previews = Collections.synchronizedList(new ArrayList<>());
    final List<Async> async = Collections.synchronizedList(new ArrayList<>());
    final List<double[]> progress = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void preview(String signal, NdArray data) {
        previews.add(data);
    }

    @Override
    public void asyncData(String signal, Object value, String type, List<Integer> maxShape, Integer index) {
        async.add(new Async(signal, value, type, maxShape, index));
    }

    final List<Map<String, Object>> readbacks = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void asyncReadback(Map<String, Object> signals, String type, List<Integer> maxShape) {
        readbacks.add(signals);
    }

    final List<Long> points = Collections.synchronizedList(new ArrayList<>());
    final List<Long> statuses = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void pointRead(Map<String, org.jbec.device.api.Reading> readings, long pointId) {
        points.add(pointId);
    }

    @Override
    public void status(long status) {
        statuses.add(status);
    }

    @Override
    public long scanPoints() {
        return 10;
    }

    @Override
    public void progress(double value, double max, boolean done) {
        progress.add(new double[] {value, max, done ? 1 : 0});
    }
}
