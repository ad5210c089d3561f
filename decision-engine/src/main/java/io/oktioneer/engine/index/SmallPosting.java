package io.oktioneer.engine.index;

import java.util.Arrays;

/** Most postings hold a handful of entries: one exactly-sized sorted array, no directory. */
final class SmallPosting extends Posting {

    /** Above this a posting becomes a {@link BlockedPosting}. */
    static final int MAX = 128;

    private long[] entries;
    private int size;

    SmallPosting(long entry) {
        entries = new long[] {entry};
        size = 1;
    }

    @Override
    int size() {
        return size;
    }

    @Override
    int blockCount() {
        return size == 0 ? 0 : 1;
    }

    @Override
    long[] block(int index) {
        return entries;
    }

    @Override
    int blockSize(int index) {
        return size;
    }

    @Override
    Posting insert(long entry, Slots slots) {
        if (size == MAX) {
            return new BlockedPosting(entries, size, slots).insert(entry, slots);
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, Math.min(MAX, size + (size >> 1) + 1));
        }
        int at = insertionPoint(entries, 0, size, entry, slots);
        System.arraycopy(entries, at, entries, at + 1, size - at);
        entries[at] = entry;
        size++;
        return this;
    }

    @Override
    void remove(long entry, Slots slots) {
        int at = indexOf(entries, size, entry, slots);
        System.arraycopy(entries, at + 1, entries, at, size - at - 1);
        size--;
        if (size > 0 && size < entries.length / 3) {
            entries = Arrays.copyOf(entries, size + (size >> 1) + 1);
        }
    }

    @Override
    int countAtLeast(long effective) {
        return countAtLeast(entries, size, effective);
    }

    @Override
    boolean anyMaxBidAtLeast(long cents, Slots slots) {
        for (int i = 0; i < size; i++) {
            if (slots.maxBid(Slots.slotOf(entries[i])) >= cents) {
                return true;
            }
        }
        return false;
    }
}
