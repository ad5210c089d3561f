package io.oktioneer.engine.index;

import java.util.Arrays;

/**
 * Every stored preference as one slot, without an object per preference.
 *
 * <p>What a decision reads of a preference (creation time, id, maxBid, totalBudget, user, currency, flags) is
 * one record of {@value #STRIDE} longs in a single array: the six fields a decision needs share one cache line
 * (a large array starts on a region boundary, so each 64-byte record starts 16 bytes into a line and its first
 * 48 bytes stay in it), so ranking and copying a candidate costs one memory access instead of one per field.
 * spent and reserved complete the record; the ledger version, user links and terms live in side arrays.
 *
 * <p>A posting entry is one {@code long}: the effective budget in cents in the high 37 bits, the slot in the
 * low {@value #SLOT_BITS} bits, so comparing entries compares budgets without touching the records; only equal
 * budgets look up the creation time (and the id, for a total order).
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

    private static final int STRIDE = 8;
    private static final int SHIFT = 3;
    private static final int CREATED_AT = 0;
    private static final int ID_MSB = 1;
    private static final int ID_LSB = 2;
    private static final int MAX_BID = 3;
    private static final int TOTAL_BUDGET = 4;
    /** user (low 32 bits), currency (bits 32–47), flags (bits 48–55). */
    private static final int META = 5;
    private static final int SPENT = 6;
    private static final int RESERVED = 7;

    private long[] records;
    long[] ledgerVersion;
    int[] userPrev;
    /** Next slot of the same user; for a free slot, the next free slot. */
    int[] userNext;
    /** {@code [categoryCount, categoryIds..., brandIds...]}, ids of {@link TermDictionary}. */
    int[][] terms;

    private int highWater;
    private int freeHead = -1;

    Slots(int initialCapacity) {
        resize(Math.max(16, initialCapacity));
    }

    long createdAt(int slot) {
        return records[(slot << SHIFT) + CREATED_AT];
    }

    long idMsb(int slot) {
        return records[(slot << SHIFT) + ID_MSB];
    }

    long idLsb(int slot) {
        return records[(slot << SHIFT) + ID_LSB];
    }

    long maxBid(int slot) {
        return records[(slot << SHIFT) + MAX_BID];
    }

    long totalBudget(int slot) {
        return records[(slot << SHIFT) + TOTAL_BUDGET];
    }

    long spent(int slot) {
        return records[(slot << SHIFT) + SPENT];
    }

    long reserved(int slot) {
        return records[(slot << SHIFT) + RESERVED];
    }

    int user(int slot) {
        return (int) records[(slot << SHIFT) + META];
    }

    int currency(int slot) {
        return (int) ((records[(slot << SHIFT) + META] >>> 32) & 0xFFFF);
    }

    byte flags(int slot) {
        return (byte) (records[(slot << SHIFT) + META] >>> 48);
    }

    void id(int slot, long msb, long lsb) {
        records[(slot << SHIFT) + ID_MSB] = msb;
        records[(slot << SHIFT) + ID_LSB] = lsb;
    }

    void terms(int slot, long createdAt, long maxBid, long totalBudget) {
        int at = slot << SHIFT;
        records[at + CREATED_AT] = createdAt;
        records[at + MAX_BID] = maxBid;
        records[at + TOTAL_BUDGET] = totalBudget;
    }

    void ledger(int slot, long spent, long reserved, long version) {
        records[(slot << SHIFT) + SPENT] = spent;
        records[(slot << SHIFT) + RESERVED] = reserved;
        ledgerVersion[slot] = version;
    }

    void user(int slot, int user) {
        meta(slot, user, currency(slot), flags(slot));
    }

    void currency(int slot, int currency) {
        meta(slot, user(slot), currency, flags(slot));
    }

    void flags(int slot, byte flags) {
        meta(slot, user(slot), currency(slot), flags);
    }

    private void meta(int slot, int user, int currency, byte flags) {
        records[(slot << SHIFT) + META] = (user & 0xFFFFFFFFL) | ((long) (currency & 0xFFFF) << 32)
                | ((long) (flags & 0xFF) << 48);
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
            if (highWater == ledgerVersion.length) {
                resize((int) Math.min(MAX_SLOTS, ledgerVersion.length + (ledgerVersion.length >> 1)));
            }
            slot = highWater++;
        }
        return slot;
    }

    void free(int slot) {
        terms[slot] = null;
        Arrays.fill(records, slot << SHIFT, (slot + 1) << SHIFT, 0);
        userNext[slot] = freeHead;
        freeHead = slot;
    }

    /** {@code min(maxBid, totalBudget − spent − reserved)}, clamped to [0, MAX_EFFECTIVE] (0 is never eligible). */
    long effective(int slot) {
        int at = slot << SHIFT;
        long max = records[at + MAX_BID];
        long total = records[at + TOTAL_BUDGET];
        long effective = total < 0 ? max : Math.min(max, total - records[at + SPENT] - records[at + RESERVED]);
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
        int ra = sa << SHIFT;
        int rb = sb << SHIFT;
        int c = Long.compare(records[ra + CREATED_AT], records[rb + CREATED_AT]);
        if (c != 0) {
            return c;
        }
        c = Long.compare(records[ra + ID_MSB], records[rb + ID_MSB]);
        return c != 0 ? c : Long.compare(records[ra + ID_LSB], records[rb + ID_LSB]);
    }

    private void resize(int capacity) {
        records = records == null ? new long[capacity << SHIFT] : Arrays.copyOf(records, capacity << SHIFT);
        ledgerVersion = ledgerVersion == null ? new long[capacity] : Arrays.copyOf(ledgerVersion, capacity);
        userPrev = userPrev == null ? new int[capacity] : Arrays.copyOf(userPrev, capacity);
        userNext = userNext == null ? new int[capacity] : Arrays.copyOf(userNext, capacity);
        terms = terms == null ? new int[capacity][] : Arrays.copyOf(terms, capacity);
    }
}
