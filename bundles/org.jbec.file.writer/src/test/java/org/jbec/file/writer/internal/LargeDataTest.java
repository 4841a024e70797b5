package org.jbec.file.writer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jbec.bus.api.message.Dtype;
import org.jbec.bus.api.message.NdArray;
import org.jbec.file.api.Column;
import org.jbec.file.api.ScanFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames above the memory bound go to part files; h5py reads them back as the uint16 frames they were. */
class LargeDataTest {

    @TempDir
    Path dir;

    private static NdArray frame(int point) {
        int[] pixels = new int[4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = 60_000 + point * 20 + i; // above 32767: only right when written unsigned
        }
        return NdArray.of(Dtype.UINT16, pixels, 4, 5);
    }

    @Test
    void framesSpillToPartFilesAndTheMasterListsThem() throws Exception {
        Path master = dir.resolve("S00001_master.h5");
        PartWriter parts = new PartWriter(dir.resolve("S00001_master_parts"), 3 * 40); // three frames
        ColumnBuilder image = new ColumnBuilder("cam_image", parts);
        for (int point = 0; point < 10; point++) {
            image.put(point, frame(point), 1000.0 + point);
        }
        Column column = image.build();
        assertTrue(column.parts().size() >= 2, column.parts().toString());
        assertEquals(10, column.parts().stream().mapToInt(Column.PartFile::points).sum());

        int point = 0;
        for (Column.PartFile part : column.parts()) {
            H5Tree h5 = H5Tree.read(part.file());
            assertEquals("uint16", h5.dtype("/value"));
            assertEquals(List.of(part.points(), 4, 5), h5.shape("/value"));
            List<?> frames = (List<?>) h5.value("/value");
            for (Object f : frames) {
                List<?> rows = (List<?>) f;
                assertEquals(60_000 + point * 20 + 7, ((Number) ((List<?>) rows.get(1)).get(2)).intValue());
                point++;
            }
        }
        assertEquals(10, point);

        ScanFile scan = new ScanFile("s-1", 1, 1, "acquire", "closed", null, 1000, 1010, 10, 10, 10, List.of(),
                Map.of(), Map.of(), Map.of("cam", Map.of("cam_image", column)), Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), "test", dir);
        new NexusFormat().write(scan, master);
        H5Tree h5 = H5Tree.read(master);
        String group = "/entry/collection/devices/cam/cam_image";
        assertEquals(column.parts().stream().map(p -> dir.relativize(p.file()).toString()).toList(),
                h5.value(group + "/parts"));
        assertEquals(List.of(10), h5.shape(group + "/timestamp"));
        assertEquals("uint16", h5.attr(group, "dtype"));
    }

    @Test
    void framesUnderTheBoundStayInTheMasterFile() throws Exception {
        ColumnBuilder image = new ColumnBuilder("cam_image", new PartWriter(dir.resolve("parts"), 1 << 20));
        for (int point = 0; point < 3; point++) {
            image.put(point, frame(point), point);
        }
        Column column = image.build();
        assertTrue(column.parts().isEmpty());
        ScanFile scan = new ScanFile("s-2", 2, 2, "acquire", "closed", null, 0, 1, 3, 3, 3, List.of(), Map.of(),
                Map.of(), Map.of("cam", Map.of("cam_image", column)), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), "test",
                dir);
        Path master = dir.resolve("S00002_master.h5");
        new NexusFormat().write(scan, master);
        H5Tree h5 = H5Tree.read(master);
        assertEquals("uint16", h5.dtype("/entry/collection/devices/cam/cam_image/value"));
        assertEquals(List.of(3, 4, 5), h5.shape("/entry/collection/devices/cam/cam_image/value"));
    }
}
