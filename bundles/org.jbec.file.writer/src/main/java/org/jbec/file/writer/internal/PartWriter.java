package org.jbec.file.writer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

/**
 * Part files of a scan's large signals: {@code <master>_parts/<device>_<signal>_p0001.h5}, each with
 * datasets {@code value} ({@code [points, shape…]}) and {@code timestamp}. jHDF holds a file in memory
 * until it is closed, so a part is written and closed as soon as it reaches the memory bound.
 */
final class PartWriter {

    private final Path directory;
    private final long boundBytes;

    /** @param directory where parts go (created on the first part); @param boundBytes memory per signal before a part */
    PartWriter(Path directory, long boundBytes) {
        this.directory = directory;
        this.boundBytes = boundBytes;
    }

    long boundBytes() {
        return boundBytes;
    }

    Path directory() {
        return directory;
    }

    Path write(String signal, int index, List<Object> frames, int[] shape, String dtype, double[] timestamps)
            throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(String.format(Locale.ROOT, "%s_p%04d.h5", signal.replace('/', '_'), index + 1));
        Path tmp = directory.resolve(file.getFileName() + ".tmp");
        try (WritableHdfFile out = HdfFile.write(tmp)) {
            Hdf.putArray(out, "value", Frames.stack(frames, shape, dtype), dtype);
            out.putDataset("timestamp", timestamps);
        } catch (RuntimeException e) {
            throw new IOException("part file " + file + " not written: " + e.getMessage(), e);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
