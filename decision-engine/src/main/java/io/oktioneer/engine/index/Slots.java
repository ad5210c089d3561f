package io.oktioneer.engine.index;

import java.util.Arrays;

/**
 * Every stored preference as one slot in parallel primitive arrays (no object per preference), and the rank
 * order of SPEC §4.2 over posting entries.
 *
 * <p>A posting entry is one {@code long}: the effective budget in cents in the high 37 bits, the slot in the
 * low {@value #SLOT_BITS} bits, so comparing entries compares budgets without touching the slot arrays; only
 * equal budgets look up the creation time (and the id, for a total order).
 */
final class Slots {

    static final int SLOT_BITS = 26;
    static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    static final int MAX_SLOTS = 1 << SLOT_BITS;
    /** 2^37 - 1 cents, above SPEC §2's 1e9 maximum. */
    static final long MAX_EFFECTIVE = (1L << (63 - SLOT_BITS)) - 1;

    static final byte ACTIVE = 1;
    static final byte USER_ACTIVE = 2;
    static final byte INDEXED = 4;

    static final int[] NO_TERMS = {0};

    long[] idMsb;
    long[] idLsb;
    long[] createdAt;
    long[] maxBid;
    long[] totalBudget;
    long[] spent;
    long[] reserved;
    long[] ledgerVersion;
    int[] user;
    int[] userPrev;
    /** Next slot of the same user; for a free slot, the next free slot. */
    int[] userNext;
    short[] currency;
    byte[] flags;
    /** {@code [categoryCount, categoryIds..., brandIds...]}, ids of {@link TermDictionary}. */
    int[][] terms;

    private int highWater;
    private int freeHead = -1;

    Slots(int initialCapacity) {
        resize(Math.max(16, initialCapacity));
    }

    int allocate() {
        int slot;
        if (freeHead >= 0) {
            slot = freeHead;
            freeHead = userNext[slot];
        } else {
            if (highWater == MAX_SLOTS) {
                throw new IllegalStateException("index full: " + MAX_SLOTS + " preferences");
            }
            if (highWater == idMsb.length) {
                resize((int) Math.min(MAX_SLOTS, idMsb.length + (idMsb.length >> 1)));
            }
            slot = highWater++;
        }
        return slot;
    }

    void free(int slot) {
        terms[slot] = null;
        flags[slot] = 0;
        userNext[slot] = freeHead;
        freeHead = slot;
    }

    /** {@code min(maxBid, totalBudget − spent − reserved)}, clamped to [0, MAX_EFFECTIVE] (0 is never eligible). */
    long effective(int slot) {
        long max = maxBid[slot];
        long total = totalBudget[slot];
        long effective = total < 0 ? max : Math.min(max, total - spent[slot] - reserved[slot]);
        return effective <= 0 ? 0 : Math.min(effective, MAX_EFFECTIVE);
    }

    static long entry(long effective, int slot) {
        return (effective << SLOT_BITS) | slot;
    }

    static long effectiveOf(long entry) {
        return entry >>> SLOT_BITS;
    }

    static int slotOf(long entry) {
        return (int) (entry & SLOT_MASK);
    }

    /**
     * Negative when {@code a} ranks before {@code b}: higher effective budget first, then the preference created
     * first, then the smaller id (only so that the order is total).
     */
    int compare(long a, long b) {
        long ea = a >>> SLOT_BITS;
        long eb = b >>> SLOT_BITS;
        if (ea != eb) {
            return ea > eb ? -1 : 1;
        }
        int sa = (int) (a & SLOT_MASK);
        int sb = (int) (b & SLOT_MASK);
        if (sa == sb) {
            return 0;
        }
        int c = Long.compare(createdAt[sa], createdAt[sb]);
        if (c != 0) {
            return c;
        }
        c = Long.compare(idMsb[sa], idMsb[sb]);
        return c != 0 ? c : Long.compare(idLsb[sa], idLsb[sb]);
    }

    private void resize(int capacity) {
        idMsb = idMsb == null ? new long[capacity] : Arrays.copyOf(idMsb, capacity);
        idLsb = idLsb == null ? new long[capacity] : Arrays.copyOf(idLsb, capacity);
        createdAt = createdAt == null ? new long[capacity] : Arrays.copyOf(createdAt, capacity);
        maxBid = maxBid == null ? new long[capacity] : Arrays.copyOf(maxBid, capacity);
        totalBudget = totalBudget == null ? new long[capacity] : Arrays.copyOf(totalBudget, capacity);
        spent = spent == null ? new long[capacity] : Arrays.copyOf(spent, capacity);
        reserved = reserved == null ? new long[capacity] : Arrays.copyOf(reserved, capacity);
        ledgerVersion = ledgerVersion == null ? new long[capacity] : Arrays.copyOf(ledgerVersion, capacity);
        user = user == null ? new int[capacity] : Arrays.copyOf(user, capacity);
        userPrev = userPrev == null ? new int[capacity] : Arrays.copyOf(userPrev, capacity);
        userNext = userNext == null ? new int[capacity] : Arrays.copyOf(userNext, capacity);
        currency = currency == null ? new short[capacity] : Arrays.copyOf(currency, capacity);
        flags = flags == null ? new byte[capacity] : Arrays.copyOf(flags, capacity);
        terms = terms == null ? new int[capacity][] : Arrays.copyOf(terms, capacity);
    }
}
