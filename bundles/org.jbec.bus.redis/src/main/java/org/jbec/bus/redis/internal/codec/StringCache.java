package org.jbec.bus.redis.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One decoding thread's short ASCII strings: map keys, message and device names, status words come
 * again in every message, and making a new String (and its byte array) for each was a fifth of the
 * bus's garbage. A small direct-mapped table: the same bytes give the same String object; a
 * collision only replaces the entry.
 * <p>
 * A lookup hashes the length and the first and last eight bytes (two word reads, not a loop over
 * every byte: uuids are 36 bytes, and a per-byte hash and compare was the largest cost of decoding in
 * a profile of a scan) and compares the bytes with the entry's copy word by word (five words for a
 * uuid; {@code Arrays.equals} cost more than that for strings this short). Only a miss checks that
 * the bytes are ASCII: a hit equals bytes that were.
 */
final class StringCache {

    /**
     * Up to a uuid4 and a little more: ids repeat within and across a scan's messages (scan_id, RID
     * and queue_id in every instruction and response, an instruction's id in it and in both its
     * responses). Longer strings (messages, paths) rarely repeat and are decoded as they come.
     */
    static final int MAX = 40;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SLOT_BITS = 10;
    private static final int SLOTS = 1 << SLOT_BITS;

    private final byte[] scratch = new byte[MAX];
    private final String[] strings = new String[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];

    /** Where the decoder reads a short string's bytes before {@link #lookup}. */
    byte[] scratch() {
        return scratch;
    }

    /** The string of the first {@code n} scratch bytes; null when they are not ASCII (left to strict UTF-8). */
    String lookup(int n) {
        int slot = slot(n);
        byte[] known = bytes[slot];
        if (known != null && known.length == n && sameBytes(known, n)) {
            return strings[slot];
        }
        for (int i = 0; i < n; i++) {
            if (scratch[i] < 0) {
                return null;
            }
        }
        String made = new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
        bytes[slot] = Arrays.copyOf(scratch, n);
        strings[slot] = made;
        return made;
    }

    /** Whether the first {@code n} scratch bytes are {@code known}'s: word by word, the last word overlapping. */
    private boolean sameBytes(byte[] known, int n) {
        if (n < Long.BYTES) {
            for (int i = 0; i < n; i++) {
                if (known[i] != scratch[i]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < n - Long.BYTES; i += Long.BYTES) {
            if ((long) LONGS.get(known, i) != (long) LONGS.get(scratch, i)) {
                return false;
            }
        }
        return (long) LONGS.get(known, n - Long.BYTES) == (long) LONGS.get(scratch, n - Long.BYTES);
    }

    /** The top bits of a product depend on every bit of its factor: the table index is taken from there. */
    private int slot(int n) {
        long h;
        if (n >= Long.BYTES) {
            long first = (long) LONGS.get(scratch, 0);
            long last = (long) LONGS.get(scratch, n - Long.BYTES);
            h = (first * 0x9E3779B97F4A7C15L ^ last) + n;
        } else {
            h = (long) n << 56;
            for (int i = 0; i < n; i++) {
                h |= (long) (scratch[i] & 0xFF) << (8 * i);
            }
        }
        return (int) ((h * 0xC2B2AE3D27D4EB4FL) >>> (Long.SIZE - SLOT_BITS));
    }
}
