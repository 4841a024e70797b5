package org.jbec.bus.redis.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * One decoding thread's short ASCII strings: map keys, message and device names, status words come
 * again in every message, and making a new String (and its byte array) for each was a fifth of the
 * bus's garbage. A small direct-mapped table: the same bytes give the same String object; a
 * collision only replaces the entry.
 */
final class StringCache {

    /**
     * Up to a uuid4 and a little more: ids repeat within and across a scan's messages (scan_id, RID
     * and queue_id in every instruction and response, an instruction's id in it and in both its
     * responses). Longer strings (messages, paths) rarely repeat and are decoded as they come.
     */
    static final int MAX = 40;

    private final byte[] scratch = new byte[MAX];
    private final String[] table = new String[1024];

    /** Where the decoder reads a short string's bytes before {@link #lookup}. */
    byte[] scratch() {
        return scratch;
    }

    /** The string of the first {@code n} scratch bytes; null when they are not ASCII (left to strict UTF-8). */
    String lookup(int n) {
        int h = n;
        for (int i = 0; i < n; i++) {
            byte b = scratch[i];
            if (b < 0) {
                return null;
            }
            h = 31 * h + b;
        }
        int slot = (h ^ (h >>> 16)) & (table.length - 1);
        String cached = table[slot];
        if (cached != null && cached.length() == n && same(cached, n)) {
            return cached;
        }
        String made = new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
        table[slot] = made;
        return made;
    }

    private boolean same(String s, int n) {
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != scratch[i]) {
                return false;
            }
        }
        return true;
    }
}
