package org.jbec.bus.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses Redis's raw (binary) stream replies: entries are {@code [id, [field, value, ...]]}. */
final class RawStreams {

    /** One stream entry: its id and the bytes of its {@code data} field (null when absent). */
    record Entry(String id, byte[] data) {
    }

    private RawStreams() {
    }

    /** Entries of an XRANGE / XREVRANGE reply. */
    static List<Entry> entries(Object reply) {
        List<Entry> entries = new ArrayList<>();
        if (!(reply instanceof List<?> list)) {
            return entries;
        }
        for (Object item : list) {
            if (item instanceof List<?> entry && entry.size() == 2 && entry.get(0) instanceof byte[] id) {
                entries.add(new Entry(new String(id, StandardCharsets.US_ASCII), data(entry.get(1))));
            }
        }
        return entries;
    }

    private static byte[] data(Object fields) {
        if (fields instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                if (list.get(i) instanceof byte[] name && Arrays.equals(name, Writes.DATA_FIELD)
                        && list.get(i + 1) instanceof byte[] value) {
                    return value;
                }
            }
        }
        return null;
    }

    /** Compares stream ids ({@code ms-seq}). */
    static int compare(String a, String b) {
        long[] x = parse(a);
        long[] y = parse(b);
        int c = Long.compareUnsigned(x[0], y[0]);
        return c != 0 ? c : Long.compareUnsigned(x[1], y[1]);
    }

    private static long[] parse(String id) {
        int dash = id.indexOf('-');
        if (dash < 0) {
            return new long[] {Long.parseUnsignedLong(id), 0};
        }
        return new long[] {Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1))};
    }
}
