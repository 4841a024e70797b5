package org.jbec.file.api;

import java.util.List;

/**
 * One signal of a monitored device over the points of a scan, in point order: {@code values} is a
 * {@code double[]}, {@code long[]}, {@code boolean[]}, {@code String[]} (text, and JSON for lists of
 * mappings or mixed lists), or {@code null} when the values went to part files ({@link #parts}).
 * Points that did not arrive hold NaN, 0, false or "".
 *
 * @param parts  for arrays above the writer's memory bound: files holding the values, in order
 *               (each an HDF5 file with datasets {@code value} and {@code timestamp}); empty otherwise
 * @param shape  the shape of one point's value ({@code []} for scalars)
 * @param dtype  numpy-style type name ({@code float64}, {@code int64}, {@code bool}, {@code str},
 *               {@code uint16} …)
 */
public record Column(Object values, double[] timestamps, List<PartFile> parts, List<Integer> shape, String dtype) {

    public Column {
        parts = List.copyOf(parts);
        shape = List.copyOf(shape);
    }

    /** A part of a large signal: its file and the points it holds. */
    public record PartFile(java.nio.file.Path file, int firstPoint, int points) {
    }
}
