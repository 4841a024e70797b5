package org.jbec.file.writer.internal;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Map;

import io.jhdf.api.WritableGroup;

/**
 * Writing Java values into jHDF groups the way BEC's writer stores Python values: mappings as groups,
 * numbers and text as datasets, numeric lists as arrays, other lists as JSON text; {@code None} and
 * empty arrays skipped (jHDF cannot write zero-length datasets). Text is UTF-8 in fixed-length
 * strings (jHDF has no variable-length strings): h5py returns bytes, decoded with {@code .decode()}.
 */
final class Hdf {

    private Hdf() {
    }

    /**
     * Gives every group without a dataset below it a one-byte {@code _empty} dataset. jHDF 0.13
     * writes its end-of-file marker where the channel stands after the last dataset; a group written
     * after that (groups are written in hash order) is overwritten by it and the file is unreadable.
     * With a dataset in every group's subtree the last write is always a dataset at the end of the
     * file. Call before closing the file.
     */
    static boolean fillEmptyGroups(io.jhdf.api.Group group) {
        boolean hasDataset = false;
        for (io.jhdf.api.Node child : group.getChildren().values()) {
            if (child instanceof io.jhdf.api.Group g) {
                hasDataset |= fillEmptyGroups(g);
            } else {
                hasDataset = true;
            }
        }
        if (!hasDataset && group instanceof WritableGroup writable) {
            writable.putDataset("_empty", new byte[] {0}).putAttribute("description",
                    "placeholder: jHDF 0.13 cannot end a file with a group that holds no dataset");
        }
        return true;
    }

    /** A numeric array; unsigned dtypes ({@code uint16} …) are written as unsigned HDF5 integers. */
    static io.jhdf.api.WritableDataset putArray(WritableGroup group, String name, Object values, String dtype) {
        io.jhdf.api.WritableDataset dataset = dtype != null && dtype.startsWith("uint")
                ? group.putDataset(name, values, io.jhdf.api.DatasetCreationOptions.builder().unsigned().build())
                : group.putDataset(name, values);
        if (dtype != null) {
            dataset.putAttribute("dtype", dtype);
        }
        return dataset;
    }

    static WritableGroup group(WritableGroup parent, String name, String nxClass) {
        WritableGroup g = parent.putGroup(safe(name));
        if (nxClass != null) {
            g.putAttribute("NX_class", nxClass);
        }
        return g;
    }

    /** A dataset name HDF5 accepts: no "/" and not empty. */
    static String safe(String name) {
        String s = name.replace('/', '_');
        return s.isEmpty() ? "_" : s;
    }

    static void put(WritableGroup group, String name, Object value) {
        if (value == null) {
            return;
        }
        String key = safe(name);
        if (value instanceof Map<?, ?> map) {
            WritableGroup sub = group.putGroup(key);
            map.forEach((k, v) -> put(sub, String.valueOf(k), v));
        } else if (value instanceof String s) {
            group.putDataset(key, s.isEmpty() ? " " : s);
        } else if (value instanceof Boolean b) {
            group.putDataset(key, new boolean[] {b});
        } else if (value instanceof Integer || value instanceof Long) {
            group.putDataset(key, ((Number) value).longValue());
        } else if (value instanceof Number n) {
            group.putDataset(key, n.doubleValue());
        } else if (value instanceof List<?> list) {
            putList(group, key, list);
        } else if (value.getClass().isArray()) {
            if (Array.getLength(value) > 0) {
                group.putDataset(key, value);
            }
        } else {
            group.putDataset(key, Json.text(value));
        }
    }

    private static void putList(WritableGroup group, String key, List<?> list) {
        if (list.isEmpty()) {
            return;
        }
        if (list.stream().allMatch(v -> v instanceof Long || v instanceof Integer)) {
            group.putDataset(key, list.stream().mapToLong(v -> ((Number) v).longValue()).toArray());
        } else if (list.stream().allMatch(v -> v instanceof Number)) {
            group.putDataset(key, list.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
        } else if (list.stream().allMatch(v -> v instanceof String)) {
            group.putDataset(key, list.stream().map(v -> ((String) v).isEmpty() ? " " : (String) v)
                    .toArray(String[]::new));
        } else {
            group.putDataset(key, Json.text(list));
        }
    }
}
