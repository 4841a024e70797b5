package org.jbec.bus.redis.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The decoder's cache of short strings: always the right text, the same object for the same bytes. */
class StringCacheTest {

    private static String lookup(StringCache cache, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, cache.scratch(), 0, b.length);
        return cache.lookup(b.length);
    }

    @Test
    void everyLookupGivesTheTextOfItsBytes() {
        StringCache cache = new StringCache();
        Random random = new Random(5);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            char[] c = new char[random.nextInt(StringCache.MAX + 1)];
            for (int j = 0; j < c.length; j++) {
                c[j] = (char) (32 + random.nextInt(95));
            }
            pool.add(new String(c));
        }
        for (int i = 0; i < 20_000; i++) {
            String s = pool.get(random.nextInt(pool.size()));
            assertEquals(s, lookup(cache, s));
        }
    }

    @Test
    void theSameBytesGiveTheSameString() {
        StringCache cache = new StringCache();
        String first = lookup(cache, "samx_setpoint");
        assertSame(first, lookup(cache, "samx_setpoint"));
        assertEquals("", lookup(cache, ""));
        assertEquals("samx", lookup(cache, "samx"));
        assertEquals("samy", lookup(cache, "samy"));
    }

    @Test
    void bytesThatAreNotAsciiAreLeftToTheUtf8Decoder() {
        StringCache cache = new StringCache();
        assertNull(lookup(cache, "Ångström"));
        assertNull(lookup(cache, "µ"));
    }

    /**
     * A scan's names differ in their last characters (samx, samy; dev001 … dev200 in a channel
     * name) or everywhere (ids): the table must keep most of them apart, or most lookups would make
     * a new String again. 250 names in 1024 slots: about 78 % have a slot of their own when the
     * slots are as good as random.
     */
    @Test
    void namesThatDifferOnlyAtTheEndStayApart() {
        StringCache cache = new StringCache();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            names.add(String.format("info/devices/read/dev%03d", i));
            names.add(String.format("dev%03d_setpoint", i));
        }
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            names.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        List<String> first = new ArrayList<>();
        for (String n : names) {
            first.add(lookup(cache, n));
        }
        int kept = 0;
        for (int i = 0; i < names.size(); i++) {
            if (lookup(cache, names.get(i)) == first.get(i)) {
                kept++;
            }
        }
        assertTrue(kept >= names.size() * 70 / 100, kept + " of " + names.size() + " names kept their entry");
    }
}
