package org.jbec.bus.redis.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jbec.bus.api.message.DeviceMessage;
import org.junit.jupiter.api.Test;

/** The decoder's small map behaves as the LinkedHashMap it replaces, for any sequence of changes. */
class CompactMapTest {

    @Test
    void randomChangesLeaveItEqualToALinkedHashMapInContentAndOrder() {
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            CompactMap compact = new CompactMap(random.nextInt(4));
            Map<String, Object> reference = new LinkedHashMap<>();
            for (int op = 0; op < 60; op++) {
                String key = "k" + random.nextInt(12); // up to 12 keys: it grows past its capacity
                switch (random.nextInt(6)) {
                    case 0, 1, 2 -> assertEquals(reference.put(key, op), compact.put(key, op));
                    case 3 -> assertEquals(reference.remove(key), compact.remove(key));
                    case 4 -> {
                        Iterator<Map.Entry<String, Object>> a = reference.entrySet().iterator();
                        Iterator<Map.Entry<String, Object>> b = compact.entrySet().iterator();
                        while (a.hasNext()) {
                            Map.Entry<String, Object> x = a.next();
                            Map.Entry<String, Object> y = b.next();
                            assertEquals(x, y);
                            if (x.getKey().equals(key)) {
                                a.remove();
                                b.remove();
                            } else if (random.nextBoolean()) {
                                x.setValue(-op);
                                y.setValue(-op);
                            }
                        }
                    }
                    default -> assertEquals(reference.get(key), compact.get(key));
                }
                assertEquals(new ArrayList<>(reference.keySet()), new ArrayList<>(compact.keySet()), "order, round " + round);
                assertEquals(reference, compact);
                assertEquals(reference.hashCode(), compact.hashCode());
            }
        }
    }

    @Test
    void changingItWhileIteratingIsRefusedAsByAHashMap() {
        CompactMap map = new CompactMap(2);
        map.put("a", 1);
        map.put("b", 2);
        assertThrows(ConcurrentModificationException.class, () -> map.forEach((k, v) -> map.put("c", 3)));
        assertThrows(ConcurrentModificationException.class, () -> {
            for (String k : map.keySet()) {
                map.remove(k);
            }
        });
    }

    @Test
    void decodedSmallMapsAreCompactAndLargeOnesHashMapsAndBothEncodeAsBefore() {
        MsgpackCodec codec = new MsgpackCodec();
        Map<String, Object> signals = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            signals.put("samx_" + i, Map.of("value", (double) i));
        }
        DeviceMessage sent = new DeviceMessage(Map.of("scan_id", "s", "point_id", 3L), signals);
        byte[] bytes = codec.encode(sent);
        DeviceMessage received = (DeviceMessage) codec.decode(bytes);
        assertInstanceOf(CompactMap.class, received.metadata());
        assertInstanceOf(LinkedHashMap.class, received.signals());
        assertInstanceOf(CompactMap.class, received.signals().get("samx_0"));
        assertEquals(List.copyOf(signals.keySet()), List.copyOf(received.signals().keySet()));
        assertEquals(java.util.Arrays.toString(bytes), java.util.Arrays.toString(codec.encode(received)),
                "written again byte for byte");
    }
}
