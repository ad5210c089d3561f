package io.oktioneer.engine.index;

import java.util.Arrays;

/**
 * Preference id to slot: open addressing over an int table (4 bytes a slot, load at most 1/2). The keys are
 * the ids already stored in the slot arrays, so the table holds no key of its own.
 */
final class UuidSlotMap {

    private static final int EMPTY = -1;
    private static final int DELETED = -2;

    private final Slots slots;
    private int[] table;
    private int mask;
    private int size;
    private int used;

    UuidSlotMap(Slots slots, int expected) {
        this.slots = slots;
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new int[capacity];
        Arrays.fill(table, EMPTY);
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    int get(long msb, long lsb) {
        for (int i = hash(msb, lsb) & mask; ; i = (i + 1) & mask) {
            int slot = table[i];
            if (slot == EMPTY) {
                return -1;
            }
            if (slot >= 0 && slots.idMsb(slot) == msb && slots.idLsb(slot) == lsb) {
                return slot;
            }
        }
    }

    /** Adds a slot whose id is not in the map yet (the slot arrays must already hold the id). */
    void put(int slot) {
        if ((used + 1) * 2 > table.length) {
            rehash(size + 1 > table.length / 4 ? table.length * 2 : table.length);
        }
        int i = hash(slots.idMsb(slot), slots.idLsb(slot)) & mask;
        while (table[i] >= 0) {
            i = (i + 1) & mask;
        }
        if (table[i] == EMPTY) {
            used++;
        }
        table[i] = slot;
        size++;
    }

    void remove(int slot) {
        long msb = slots.idMsb(slot);
        long lsb = slots.idLsb(slot);
        for (int i = hash(msb, lsb) & mask; ; i = (i + 1) & mask) {
            int s = table[i];
            if (s == EMPTY) {
                return;
            }
            if (s == slot) {
                table[i] = DELETED;
                size--;
                return;
            }
        }
    }

    private void rehash(int capacity) {
        int[] old = table;
        table = new int[capacity];
        Arrays.fill(table, EMPTY);
        mask = capacity - 1;
        used = 0;
        size = 0;
        for (int slot : old) {
            if (slot >= 0) {
                put(slot);
            }
        }
    }

    private static int hash(long msb, long lsb) {
        long h = (msb ^ lsb) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
