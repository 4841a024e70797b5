package org.jbec.device.api;

import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.NdArray;

/**
 * What a device publishes by itself, beside its readings (bec-behaviour.md §2.3): previews,
 * asynchronous data of the running scan, progress. The device server puts them on BEC's endpoints.
 */
public interface DeviceEvents {

    /** A preview image or trace of one signal ({@code info/devices/preview/<dev>/<signal>}). */
    void preview(String signal, NdArray data);

    /**
     * Asynchronous data of one signal for the scan the device was staged for
     * ({@code info/devices/async_signal/<scan_id>/<dev>/<signal>}); dropped when no scan is staged.
     *
     * @param type     BEC's async update type: {@code add}, {@code add_slice} or {@code replace}
     * @param maxShape the dataset's maximum shape, null for unbounded dimensions (leading only)
     * @param index    the slice index for {@code add_slice}, else null
     */
    void asyncData(String signal, Object value, String type, List<Integer> maxShape, Integer index);

    /**
     * Asynchronous readings of the device for the staged scan ({@code info/devices/async_readback/<scan_id>/<dev>},
     * EXPIRE 1800), as BEC's async monitors send them: {@code signals} is {@code {name: {value: [...],
     * timestamp: [...]}}}.
     */
    void asyncReadback(Map<String, Object> signals, String type, List<Integer> maxShape);

    /**
     * Readings of one scan point taken by the device itself (a flyer): {@code info/devices/read/<dev>}
     * with the point id in the metadata.
     */
    void pointRead(Map<String, Reading> readings, long pointId);

    /** The device's status number ({@code info/devices/status/<dev>}: 1 running, 0 done for flyers). */
    void status(long status);

    /** The number of points of the staged scan, or 0 when unknown. */
    long scanPoints();

    /** Progress of what the device does ({@code info/devices/progress/<dev>}). */
    void progress(double value, double max, boolean done);

    /**
     * The device lost or regained its connection (an IOC went away or came back). While disconnected
     * the device server refuses instructions for it with the detail (which PV), and raises an alarm.
     */
    default void connection(boolean connected, String detail) {
    }
}
