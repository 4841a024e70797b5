package org.jbec.bus.redis.internal.codec;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The map a small decoded msgpack map becomes: string keys and values in two arrays, in insertion
 * order, looked up by a linear scan. A message's maps are small (metadata, an instruction's
 * parameters, each signal's value and timestamp): a LinkedHashMap of three entries takes a table
 * and a node per entry, and building those was about a sixth of the bus reader's samples in a
 * line scan. A full, mutable {@link java.util.Map} (receivers may add to what they got); it stays
 * correct at any size, only slower than a hash map when it grows large. fastutil's
 * Object2ObjectArrayMap does the same, but would add a 23 MB bundle for one class.
 */
final class CompactMap extends AbstractMap<String, Object> {

    /** Decoded maps of more entries than this become LinkedHashMaps. */
    static final int MAX_DECODED = 8;

    /** Object, not String: a receiver may put any key through an unchecked cast, as into a LinkedHashMap. */
    private Object[] keys;
    private Object[] values;
    private int size;
    private int modifications;

    CompactMap(int capacity) {
        keys = new Object[Math.max(capacity, 1)];
        values = new Object[keys.length];
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(keys[i], key)) {
                return i;
            }
        }
        return -1;
    }

    /** The key at an index in insertion order (for the encoder: no entry objects). */
    Object keyAt(int index) {
        Objects.checkIndex(index, size);
        return keys[index];
    }

    Object valueAt(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Object put(String key, Object value) {
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        modifications++;
        return null;
    }

    @Override
    public Object remove(Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        int tail = size - i - 1;
        System.arraycopy(keys, i + 1, keys, i, tail);
        System.arraycopy(values, i + 1, values, i, tail);
        size--;
        keys[size] = null;
        values[size] = null;
        modifications++;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        modifications++;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        int expected = modifications;
        for (int i = 0; i < size; i++) {
            action.accept((String) keys[i], values[i]);
            if (modifications != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;
                    private int expected = modifications;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (modifications != expected) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new Slot(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        if (modifications != expected) {
                            throw new ConcurrentModificationException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                        expected = modifications;
                    }
                };
            }
        };
    }

    /** An entry that reads and writes the map's slot (setValue writes through, as a HashMap's does). */
    private final class Slot implements Entry<String, Object> {
        private final int index;
        private final String key;

        Slot(int index) {
            this.index = index;
            this.key = (String) keys[index];
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            int i = index < size && Objects.equals(keys[index], key) ? index : indexOf(key);
            return i < 0 ? null : values[i];
        }

        @Override
        public Object setValue(Object value) {
            int i = index < size && Objects.equals(keys[index], key) ? index : indexOf(key);
            if (i < 0) {
                throw new IllegalStateException("entry " + key + " was removed");
            }
            Object old = values[i];
            values[i] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry<?, ?> e && Objects.equals(key, e.getKey()) && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(key) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
