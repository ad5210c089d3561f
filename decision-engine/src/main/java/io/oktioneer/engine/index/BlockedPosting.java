package io.oktioneer.engine.index;

import java.util.Arrays;

/**
 * A large posting as a list of sorted blocks of at most {@value #CAPACITY} entries (a two-level B-tree): an
 * insert or removal moves at most one block's entries, so reordering a preference whose budget changed costs
 * about the same however large the posting. The directory keeps each block's first entry (to find the block
 * without touching it), its size (to count eligible entries by summing) and its largest maxBid (to tell
 * BUDGET_EXHAUSTED from BELOW_FLOOR without visiting entries).
 */
final class BlockedPosting extends Posting {

    static final int CAPACITY = 256;
    private static final int HALF = CAPACITY / 2;

    private long[][] blocks;
    private long[] heads;
    private int[] sizes;
    private long[] maxBids;
    private int blockCount;
    private int size;

    BlockedPosting(long[] sorted, int count, Slots slots) {
        int capacity = Math.max(4, (count + HALF - 1) / HALF + 2);
        blocks = new long[capacity][];
        heads = new long[capacity];
        sizes = new int[capacity];
        maxBids = new long[capacity];
        for (int from = 0; from < count; from += HALF) {
            int n = Math.min(HALF, count - from);
            long[] block = new long[CAPACITY];
            System.arraycopy(sorted, from, block, 0, n);
            blocks[blockCount] = block;
            sizes[blockCount] = n;
            heads[blockCount] = block[0];
            maxBids[blockCount] = maxBidOf(block, n, slots);
            blockCount++;
        }
        size = count;
    }

    @Override
    int size() {
        return size;
    }

    @Override
    int blockCount() {
        return blockCount;
    }

    @Override
    long[] block(int index) {
        return blocks[index];
    }

    @Override
    int blockSize(int index) {
        return sizes[index];
    }

    @Override
    Posting insert(long entry, Slots slots) {
        int b = lastBlockStartingBefore(entry, slots, false);
        if (sizes[b] == CAPACITY) {
            split(b, slots);
            if (slots.compare(heads[b + 1], entry) < 0) {
                b++;
            }
        }
        long[] block = blocks[b];
        int n = sizes[b];
        int at = insertionPoint(block, 0, n, entry, slots);
        System.arraycopy(block, at, block, at + 1, n - at);
        block[at] = entry;
        sizes[b] = n + 1;
        heads[b] = block[0];
        long maxBid = slots.maxBid(Slots.slotOf(entry));
        if (maxBid > maxBids[b]) {
            maxBids[b] = maxBid;
        }
        size++;
        return this;
    }

    @Override
    void remove(long entry, Slots slots) {
        int b = lastBlockStartingBefore(entry, slots, true);
        long[] block = blocks[b];
        int n = sizes[b];
        int at = indexOf(block, n, entry, slots);
        System.arraycopy(block, at + 1, block, at, n - at - 1);
        n--;
        sizes[b] = n;
        size--;
        if (n == 0) {
            removeBlock(b);
            return;
        }
        heads[b] = block[0];
        if (slots.maxBid(Slots.slotOf(entry)) == maxBids[b]) {
            maxBids[b] = maxBidOf(block, n, slots);
        }
        if (n < CAPACITY / 4) {
            if (b + 1 < blockCount && n + sizes[b + 1] <= HALF) {
                merge(b);
            } else if (b > 0 && sizes[b - 1] + n <= HALF) {
                merge(b - 1);
            }
        }
    }

    @Override
    int countAtLeast(long effective) {
        // Blocks are in rank order: every block before the last one whose head qualifies is entirely eligible.
        int lo = 0;
        int hi = blockCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Slots.effectiveOf(heads[mid]) >= effective) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == 0) {
            return 0;
        }
        int count = 0;
        for (int b = 0; b < lo - 1; b++) {
            count += sizes[b];
        }
        return count + countAtLeast(blocks[lo - 1], sizes[lo - 1], effective);
    }

    @Override
    boolean anyMaxBidAtLeast(long cents, Slots slots) {
        for (int b = 0; b < blockCount; b++) {
            if (maxBids[b] >= cents) {
                return true;
            }
        }
        return false;
    }

    /**
     * The last block whose head ranks before {@code entry} (or is it, when {@code inclusive}); block 0 when
     * none does.
     */
    private int lastBlockStartingBefore(long entry, Slots slots, boolean inclusive) {
        int lo = 0;
        int hi = blockCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = slots.compare(heads[mid], entry);
            if (c < 0 || (inclusive && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.max(0, lo - 1);
    }

    private void split(int b, Slots slots) {
        ensureDirectoryCapacity();
        shiftDirectory(b + 1, 1);
        long[] left = blocks[b];
        long[] right = new long[CAPACITY];
        int moved = sizes[b] - HALF;
        System.arraycopy(left, HALF, right, 0, moved);
        blocks[b + 1] = right;
        sizes[b + 1] = moved;
        heads[b + 1] = right[0];
        sizes[b] = HALF;
        maxBids[b + 1] = maxBidOf(right, moved, slots);
        maxBids[b] = maxBidOf(left, HALF, slots);
    }

    private void merge(int b) {
        long[] into = blocks[b];
        int n = sizes[b];
        System.arraycopy(blocks[b + 1], 0, into, n, sizes[b + 1]);
        sizes[b] = n + sizes[b + 1];
        maxBids[b] = Math.max(maxBids[b], maxBids[b + 1]);
        heads[b] = into[0];
        shiftDirectory(b + 2, -1);
    }

    private void removeBlock(int b) {
        if (blockCount == 1) {
            return; // an empty posting keeps its one block until the index drops it
        }
        shiftDirectory(b + 1, -1);
    }

    /** Moves directory rows {@code [from, blockCount)} by {@code delta} (+1 or -1) and adjusts the count. */
    private void shiftDirectory(int from, int delta) {
        int moved = blockCount - from;
        System.arraycopy(blocks, from, blocks, from + delta, moved);
        System.arraycopy(heads, from, heads, from + delta, moved);
        System.arraycopy(sizes, from, sizes, from + delta, moved);
        System.arraycopy(maxBids, from, maxBids, from + delta, moved);
        blockCount += delta;
        if (delta < 0) {
            blocks[blockCount] = null;
        }
    }

    private void ensureDirectoryCapacity() {
        if (blockCount == blocks.length) {
            int capacity = blocks.length + (blocks.length >> 1) + 1;
            blocks = Arrays.copyOf(blocks, capacity);
            heads = Arrays.copyOf(heads, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            maxBids = Arrays.copyOf(maxBids, capacity);
        }
    }

    private static long maxBidOf(long[] block, int n, Slots slots) {
        long max = 0;
        for (int i = 0; i < n; i++) {
            long m = slots.maxBid(Slots.slotOf(block[i]));
            if (m > max) {
                max = m;
            }
        }
        return max;
    }
}
