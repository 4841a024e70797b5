package org.jbec.web.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jbec.bus.api.message.NdArray;

/**
 * A camera frame as the page shows it: an 8-bit grey PNG at most {@link #MAX_SIDE} pixels a side,
 * scaled linearly from the 0.5th to the 99.5th percentile of the frame, as camera viewers do, so that
 * a few hot pixels do not leave the rest black. The frame's own range is reported beside it.
 */
final class PreviewImage {

    static final int MAX_SIDE = 512;
    /** Frames larger than this are not shown (a preview, not a data path): 64 Mpixel. */
    static final long MAX_PIXELS = 64L << 20;

    private PreviewImage() {
    }

    /** The page's view of a frame, or null when it is not a 2-D numeric image. */
    static Map<String, Object> of(String device, String signal, NdArray frame, long receivedMs) {
        int[] shape = frame.shape();
        if (shape == null || shape.length != 2 || shape[0] < 1 || shape[1] < 1
                || (long) shape[0] * shape[1] > MAX_PIXELS || frame.size() != shape[0] * shape[1]) {
            return null;
        }
        double[] values;
        try {
            values = frame.toDoubles();
        } catch (RuntimeException notNumeric) {
            return null;
        }
        int rows = shape[0];
        int cols = shape[1];
        int step = Math.max(1, (Math.max(rows, cols) + MAX_SIDE - 1) / MAX_SIDE);
        int height = (rows + step - 1) / step;
        int width = (cols + step - 1) / step;
        double[] shown = new double[width * height];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                shown[r * width + c] = values[(r * step) * cols + c * step];
            }
        }
        double[] sorted = Arrays.stream(shown).filter(Double::isFinite).sorted().toArray();
        double low = sorted.length == 0 ? 0 : sorted[(int) Math.floor(0.005 * (sorted.length - 1))];
        double high = sorted.length == 0 ? 1 : sorted[(int) Math.ceil(0.995 * (sorted.length - 1))];
        double span = high > low ? high - low : 1;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < shown.length; i++) {
            double v = Double.isFinite(shown[i]) ? (shown[i] - low) / span : 0;
            pixels[i] = (byte) Math.round(255 * Math.max(0, Math.min(1, v)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("device", BusValues.clip(device));
        out.put("signal", BusValues.clip(signal));
        out.put("rows", rows);
        out.put("cols", cols);
        out.put("min", sorted.length == 0 ? null : sorted[0]);
        out.put("max", sorted.length == 0 ? null : sorted[sorted.length - 1]);
        out.put("scaledFrom", low);
        out.put("scaledTo", high);
        out.put("receivedMs", receivedMs);
        out.put("png", "data:image/png;base64," + Base64.getEncoder().encodeToString(png(image)));
        return out;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory: does not happen
        }
        return bytes.toByteArray();
    }
}
