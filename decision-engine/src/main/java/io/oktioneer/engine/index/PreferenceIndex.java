package io.oktioneer.engine.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.StampedLock;

/**
 * Every preference in memory, indexed for the decision rules of SPEC §4.
 *
 * <p>Layout: preferences are slots in primitive arrays ({@link Slots}); categories, brands and currencies are
 * interned ints. Each usable preference (active, user ACTIVE) is entered in the postings of the combinations it
 * matches: (currency, any, any) when it has neither categories nor brands, (currency, category, any) for each
 * category when it has no brands, (currency, any, brand) for each brand when it has no categories, and
 * (currency, category, brand) for each pair otherwise. An item (category c, brand b) is therefore matched by
 * exactly four postings, disjoint by construction: (any, any), (c, any), (any, b), (c, b) — an item without a
 * category or brand skips the postings that need one. Each posting is kept in rank order (effective budget
 * descending, oldest first), so a decision counts the eligible entries by binary search and merges the tops
 * of at most four postings: its cost does not grow with the number of preferences.
 *
 * <p>Concurrency: one writer (the Kafka feed) mutates under the write lock; decisions share the read lock and
 * allocate nothing (given a reused {@link Decision}).
 */
public final class PreferenceIndex {

    private static final int MAX_CURRENCIES = (1 << 9) - 1;
    private static final int MAX_TERMS = (1 << 27) - 1;
    private static final int PENDING_LEDGER_LIMIT = 100_000;

    private final StampedLock lock = new StampedLock();
    private final Slots slots;
    private final UuidSlotMap byId;
    private final Users users = new Users();
    private final TermDictionary currencies = new TermDictionary(MAX_CURRENCIES);
    private final TermDictionary categories = new TermDictionary(MAX_TERMS);
    private final TermDictionary brands = new TermDictionary(MAX_TERMS);
    private final LongObjectMap<Posting> postings;
    /** The writer's side of the same postings (the reader uses {@link #postings} directly). */
    private final PostingWriter writer;
    /** Ledger snapshots of preferences not (yet) known: applied when the preference arrives. Bounded. */
    private final Map<UUID, long[]> pendingLedger = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, long[]> eldest) {
            return size() > PENDING_LEDGER_LIMIT;
        }
    };

    private volatile int size;
    private volatile int usable;

    public PreferenceIndex() {
        this(1024);
    }

    /** @param expectedPreferences a sizing hint; the index grows past it */
    public PreferenceIndex(int expectedPreferences) {
        slots = new Slots(expectedPreferences);
        byId = new UuidSlotMap(slots, expectedPreferences);
        postings = new LongObjectMap<>(Math.max(16, expectedPreferences / 2));
        writer = new PostingWriter(slots, postings, categories, brands);
    }

    /** Preferences stored. */
    public int size() {
        return size;
    }

    /** Preferences that can match (active, user ACTIVE). */
    public int usable() {
        return usable;
    }

    // ---------------------------------------------------------------- writer side (one thread)

    /** Creates or replaces a preference; keeps the spent/reserved the index already knows for it. */
    public void upsert(PreferenceRecord preference) {
        String currencyCode = TermDictionary.normalizeCurrency(preference.currency());
        List<String> categoryTerms = PostingWriter.normalized(preference.categories());
        List<String> brandTerms = PostingWriter.normalized(preference.brands());
        long msb = preference.id().getMostSignificantBits();
        long lsb = preference.id().getLeastSignificantBits();
        long stamp = lock.writeLock();
        try {
            int currency = currencies.intern(currencyCode);
            int[] terms = writer.terms(categoryTerms, brandTerms);
            int slot = byId.get(msb, lsb);
            if (slot >= 0) {
                unindex(slot);
                if (!users.names[slots.user(slot)].equals(preference.userId())) {
                    users.unlink(slot, slots);
                    users.link(users.acquire(preference.userId()), slot, slots);
                }
            } else {
                slot = slots.allocate();
                slots.id(slot, msb, lsb);
                long[] ledger = pendingLedger.remove(preference.id());
                if (ledger == null) {
                    slots.ledger(slot, 0, 0, Long.MIN_VALUE);
                } else {
                    slots.ledger(slot, ledger[0], ledger[1], ledger[2]);
                }
                byId.put(slot);
                users.link(users.acquire(preference.userId()), slot, slots);
                size++;
            }
            slots.terms(slot, preference.createdAtMillis(), preference.maxBidCents(), preference.totalBudgetCents());
            slots.currency(slot, currency);
            slots.terms[slot] = terms;
            slots.flags(slot, (byte) ((preference.active() ? Slots.ACTIVE : 0)
                    | (preference.userActive() ? Slots.USER_ACTIVE : 0)));
            indexIfUsable(slot);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Removes a preference; false when it was not stored. */
    public boolean delete(UUID id) {
        long stamp = lock.writeLock();
        try {
            pendingLedger.remove(id);
            int slot = byId.get(id.getMostSignificantBits(), id.getLeastSignificantBits());
            if (slot < 0) {
                return false;
            }
            unindex(slot);
            users.unlink(slot, slots);
            byId.remove(slot);
            slots.free(slot);
            size--;
            return true;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * A user's status changed ({@code UserUpdated}): a user who is not active (SUSPENDED, deleted) blocks all
     * his preferences, whatever status they carry; an active one lets them match again if they carry ACTIVE.
     */
    public void userStatus(String userId, boolean active) {
        long stamp = lock.writeLock();
        try {
            int user = users.find(userId);
            if (user < 0 || users.blocked[user] == !active) {
                return;
            }
            for (int slot = users.head[user]; slot >= 0; slot = slots.userNext[slot]) {
                unindex(slot);
            }
            users.blocked[user] = !active;
            for (int slot = users.head[user]; slot >= 0; slot = slots.userNext[slot]) {
                indexIfUsable(slot);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * A ledger snapshot from the auction-service; older versions than the one applied are ignored. Only a
     * changed effective budget moves the preference in its postings.
     */
    public void ledger(UUID id, long spentCents, long reservedCents, long ledgerVersion) {
        long stamp = lock.writeLock();
        try {
            int slot = byId.get(id.getMostSignificantBits(), id.getLeastSignificantBits());
            if (slot < 0) {
                long[] pending = pendingLedger.get(id);
                if (pending == null || pending[2] < ledgerVersion) {
                    pendingLedger.put(id, new long[] {spentCents, reservedCents, ledgerVersion});
                }
                return;
            }
            if (ledgerVersion <= slots.ledgerVersion[slot]) {
                return;
            }
            long before = slots.effective(slot);
            slots.ledger(slot, spentCents, reservedCents, ledgerVersion);
            long after = slots.effective(slot);
            if (after != before && (slots.flags(slot) & Slots.INDEXED) != 0) {
                writer.forEach(slot, PostingWriter.MOVE, Slots.entry(before, slot), Slots.entry(after, slot));
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    private void indexIfUsable(int slot) {
        byte flags = slots.flags(slot);
        boolean usableNow = (flags & Slots.ACTIVE) != 0 && (flags & Slots.USER_ACTIVE) != 0
                && !users.blocked[slots.user(slot)];
        if (usableNow) {
            writer.forEach(slot, PostingWriter.INSERT, 0, Slots.entry(slots.effective(slot), slot));
            slots.flags(slot, (byte) (flags | Slots.INDEXED));
            usable++;
        }
    }

    private void unindex(int slot) {
        byte flags = slots.flags(slot);
        if ((flags & Slots.INDEXED) != 0) {
            writer.forEach(slot, PostingWriter.REMOVE, Slots.entry(slots.effective(slot), slot), 0);
            slots.flags(slot, (byte) (flags & ~Slots.INDEXED));
            usable--;
        }
    }

    static long key(int currency, int category, int brand) {
        return ((long) currency << 54) | ((long) category << 27) | brand;
    }

    // ---------------------------------------------------------------- reader side (any thread)

    /** Decides one auction under SPEC §4 into {@code out}. */
    public void decide(DecisionQuery query, Decision out) {
        String category = TermDictionary.normalize(query.category());
        String brand = TermDictionary.normalize(query.brand());
        String currency = TermDictionary.normalizeCurrency(query.currency());
        long threshold = Math.max(query.floorCents(), 1);
        out.begin(query.maxCandidates());
        long stamp = lock.readLock();
        try {
            rank(out, currency, category, brand, threshold, query.maxCandidates());
        } finally {
            lock.unlockRead(stamp);
            out.releaseLanes();
        }
        if (out.outcome() == Outcome.CANDIDATES) {
            out.price(query.auctionType(), query.floorCents(), query.minIncrementCents());
        }
    }

    private void rank(Decision out, String currencyCode, String category, String brand, long threshold,
                      int maxCandidates) {
        int currency = currencies.find(currencyCode);
        if (currency < 0) {
            out.end(Outcome.NO_MATCH, 0);
            return;
        }
        int categoryId = category == null ? 0 : categories.find(category);
        int brandId = brand == null ? 0 : brands.find(brand);
        out.addLane(postings.get(key(currency, 0, 0)), threshold);
        if (categoryId > 0) {
            out.addLane(postings.get(key(currency, categoryId, 0)), threshold);
        }
        if (brandId > 0) {
            out.addLane(postings.get(key(currency, 0, brandId)), threshold);
        }
        if (categoryId > 0 && brandId > 0) {
            out.addLane(postings.get(key(currency, categoryId, brandId)), threshold);
        }
        int eligible = 0;
        for (int lane = 0; lane < out.laneCount(); lane++) {
            eligible += out.laneEligible(lane);
        }
        if (eligible == 0) {
            out.end(reasonWithoutEligible(out, threshold), 0);
            return;
        }
        out.end(Outcome.CANDIDATES, eligible);
        int listed = Math.min(maxCandidates, eligible);
        for (int i = 0; i < listed; i++) {
            long entry = out.take(out.bestLane(slots));
            int slot = Slots.slotOf(entry);
            out.addCandidate(slots, slot, Slots.effectiveOf(entry), users.names[slots.user(slot)]);
        }
        // The last candidate's runner-up may rank below the list when his own preferences follow him.
        int lastUser = out.lastCandidateUser();
        for (int left = eligible - listed; left > 0; left--) {
            long entry = out.take(out.bestLane(slots));
            if (slots.user(Slots.slotOf(entry)) != lastUser) {
                out.runnerUpBelowList(Slots.effectiveOf(entry));
                break;
            }
        }
    }

    private Outcome reasonWithoutEligible(Decision out, long threshold) {
        if (out.laneCount() == 0) {
            return Outcome.NO_MATCH;
        }
        for (int lane = 0; lane < out.laneCount(); lane++) {
            if (out.lane(lane).anyMaxBidAtLeast(threshold, slots)) {
                return Outcome.BUDGET_EXHAUSTED;
            }
        }
        return Outcome.BELOW_FLOOR;
    }
}
