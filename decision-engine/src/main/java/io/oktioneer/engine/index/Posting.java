package io.oktioneer.engine.index;

/**
 * The usable preferences of one (currency, category or any, brand or any) combination, kept in rank order
 * (SPEC §4.2) as packed entries (see {@link Slots}). Read as a sequence of sorted blocks, so a decision walks
 * only the top of each posting. Mutated by the single writer under the index's write lock.
 */
abstract sealed class Posting permits SmallPosting, BlockedPosting {

    abstract int size();

    abstract int blockCount();

    abstract long[] block(int index);

    abstract int blockSize(int index);

    /** Inserts the entry at its rank; returns the posting to keep (a small one grows into a blocked one). */
    abstract Posting insert(long entry, Slots slots);

    /** Removes the entry (it must be present with exactly this effective budget). */
    abstract void remove(long entry, Slots slots);

    /** Number of entries whose effective budget is at least {@code effective}. */
    abstract int countAtLeast(long effective);

    /** Whether some entry's maxBid is at least {@code cents}. */
    abstract boolean anyMaxBidAtLeast(long cents, Slots slots);

    /** First index in {@code entries[from, to)} that ranks after {@code entry}. */
    static int insertionPoint(long[] entries, int from, int to, long entry, Slots slots) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (slots.compare(entries[mid], entry) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of {@code entry} in {@code entries[0, size)}. */
    static int indexOf(long[] entries, int size, long entry, Slots slots) {
        int at = insertionPoint(entries, 0, size, entry, slots);
        if (at < size && entries[at] == entry) {
            return at;
        }
        throw new IllegalStateException("posting entry missing: slot " + Slots.slotOf(entry)
                + " effective " + Slots.effectiveOf(entry));
    }

    /** Entries with an effective budget of at least {@code effective} in {@code entries[0, size)}. */
    static int countAtLeast(long[] entries, int size, long effective) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Slots.effectiveOf(entries[mid]) >= effective) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
