package io.oktioneer.engine.index;

import java.util.Arrays;

/** Open-addressing map from a non-negative long key to an object (postings by packed key): no boxing. */
final class LongObjectMap<V> {

    private static final long EMPTY = -1;
    private static final long DELETED = -2;

    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;
    private int used;

    LongObjectMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new Object[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return (V) values[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    void put(long key, V value) {
        int deletedAt = -1;
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                values[i] = value;
                return;
            }
            if (k == DELETED && deletedAt < 0) {
                deletedAt = i;
            }
            if (k == EMPTY) {
                if (deletedAt >= 0) {
                    i = deletedAt;
                } else {
                    used++;
                }
                keys[i] = key;
                values[i] = value;
                size++;
                if (used * 2 > keys.length) {
                    rehash(size * 4 > keys.length ? keys.length * 2 : keys.length);
                }
                return;
            }
        }
    }

    void remove(long key) {
        for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                keys[i] = DELETED;
                values[i] = null;
                size--;
                return;
            }
            if (k == EMPTY) {
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void rehash(int capacity) {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[capacity];
        Arrays.fill(keys, EMPTY);
        values = new Object[capacity];
        mask = capacity - 1;
        size = 0;
        used = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] >= 0) {
                put(oldKeys[i], (V) oldValues[i]);
            }
        }
    }

    private static int hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }
}
