package org.jbec.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.NdArray;
import org.junit.jupiter.api.Test;

class PreviewImageTest {

    private static BufferedImage decode(Map<String, Object> view) throws Exception {
        String png = (String) view.get("png");
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1))));
    }

    @Test
    void aHotPixelDoesNotLeaveTheFrameBlack() throws Exception {
        int[] pixels = new int[100 * 100];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i % 100; // a ramp 0..99 along each row
        }
        pixels[5050] = 65535;
        Map<String, Object> view = PreviewImage.of("cam", "image", NdArray.of(Dtype.UINT16, pixels, 100, 100), 1L);
        BufferedImage image = decode(view);
        assertEquals(100, image.getWidth());
        assertEquals(65535.0, view.get("max"));
        // the ramp spans the grey scale: its right end is near white although one pixel is 65535
        assertEquals(255, image.getRaster().getSample(99, 0, 0), 3);
        assertEquals(0, image.getRaster().getSample(0, 0, 0));
    }

    @Test
    void largeFramesAreShrunkAndNonImagesRefused() throws Exception {
        Map<String, Object> view = PreviewImage.of("cam", "image",
                NdArray.of(Dtype.UINT16, new int[2048 * 1024], 2048, 1024), 1L);
        BufferedImage image = decode(view);
        assertEquals(512, image.getHeight());
        assertEquals(256, image.getWidth());
        assertEquals(2048, view.get("rows"));
        assertNull(PreviewImage.of("wave", "trace", NdArray.of(new double[] {1, 2, 3}, 3), 1L), "1-D: no image");
    }
}
