package org.jbec.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.jbec.bus.api.BusEvent;
import org.jbec.bus.api.Connector;
import org.jbec.bus.api.Endpoints;
import org.jbec.bus.api.StreamStart;
import org.jbec.bus.api.Subscription;
import org.jbec.bus.api.message.DevicePreviewMessage;
import org.jbec.bus.api.message.NdArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest frame of every camera that publishes previews ({@code info/devices/preview/<device>/<signal>},
 * BEC's preview streams). Streams cannot be subscribed by pattern, so new ones are looked for
 * periodically; a camera sends frames far faster than a page can show them, so only the newest one of
 * each is kept and encoded, at most once per flush.
 */
final class CameraPreviews {

    private static final Logger LOG = LoggerFactory.getLogger(CameraPreviews.class);
    private static final String PREFIX = "info/devices/preview/";
    /** Most cameras followed; each holds a subscription and its newest frame. */
    static final int MAX_CAMERAS = 32;

    private final Connector bus;
    private final Map<String, Subscription> followed = new ConcurrentHashMap<>();
    private final Map<String, DevicePreviewMessage> newest = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> shown = new ConcurrentHashMap<>();

    CameraPreviews(Connector bus) {
        this.bus = bus;
    }

    /** Follows preview streams that appeared since the last look. */
    void discover() {
        for (String key : bus.keys(Endpoints.devicePreview("*", "*"))) {
            String[] parts = deviceAndSignal(key);
            if (parts.length != 2 || followed.containsKey(key) || followed.size() >= MAX_CAMERAS) {
                continue;
            }
            var stream = Endpoints.devicePreview(parts[0], parts[1]);
            followed.put(key, bus.subscribeStream(stream, StreamStart.NEWEST_ONLY, e -> onFrame(key, e)));
            // the frame already there (a camera that stopped before it was found still shows its last one)
            bus.lastEntries(stream, 1).forEach(e -> {
                if (e.value() instanceof DevicePreviewMessage m) {
                    newest.putIfAbsent(key, m);
                }
            });
        }
    }

    private void onFrame(String key, BusEvent e) {
        if (e.value() instanceof DevicePreviewMessage m) {
            newest.put(key, m);
        }
    }

    /** Encodes each camera's newest frame not yet shown and hands it to {@code send} ("preview", data). */
    void flush(BiConsumer<String, Map<String, Object>> send) {
        for (String key : new ArrayList<>(newest.keySet())) {
            DevicePreviewMessage frame = newest.remove(key);
            if (frame == null) {
                continue;
            }
            String[] parts = deviceAndSignal(key);
            try {
                Map<String, Object> view = frame.data() instanceof NdArray array
                        ? PreviewImage.of(parts[0], parts[1], array, System.currentTimeMillis()) : null;
                if (view != null) {
                    shown.put(key, view);
                    send.accept("preview", view);
                }
            } catch (RuntimeException ex) {
                LOG.debug("preview of {} not shown: {}", key, ex.toString());
            }
        }
    }

    /** {@code info/devices/preview/<device>/<signal>} → (device, signal). */
    private static String[] deviceAndSignal(String key) {
        return key.substring(PREFIX.length()).split("/");
    }

    /** The last frame shown of each camera, for a browser that connects. */
    List<Map<String, Object>> latest() {
        return new ArrayList<>(shown.values());
    }

    void close() {
        followed.values().forEach(Subscription::close);
        followed.clear();
    }
}
