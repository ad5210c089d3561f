package io.oktioneer.engine.index;

import java.util.Arrays;
import java.util.UUID;

/**
 * The result of one decision, filled by {@link PreferenceIndex#decide}: the outcome, the number of eligible
 * preferences and the ranked candidates with the bid each would place (SPEC §4.3) if every candidate above it
 * were unavailable. Reusable: a caller that keeps one per thread decides without allocating.
 */
public final class Decision {

    private Outcome outcome = Outcome.NO_MATCH;
    private int eligible;
    private int count;

    private long[] idMsb;
    private long[] idLsb;
    private long[] createdAt;
    private long[] maxBid;
    private long[] totalBudget;
    private long[] effective;
    private long[] bid;
    private int[] user;
    private String[] userId;
    /** Highest effective budget ranked below the last candidate among other users than the last candidate's. */
    private long runnerUpBelowList;

    // Cursor over up to four postings (any/any, category/any, any/brand, category/brand), merged in rank order.
    private final Posting[] lanes = new Posting[4];
    private final int[] laneBlock = new int[4];
    private final int[] laneIndex = new int[4];
    private final int[] laneLeft = new int[4];
    private int laneCount;

    public Decision() {
        this(16);
    }

    public Decision(int capacity) {
        allocate(Math.max(1, capacity));
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Number of eligible preferences (SPEC §4.1); 0 unless the outcome is CANDIDATES. */
    public int eligible() {
        return eligible;
    }

    /** Number of ranked candidates returned: min(eligible, maxCandidates). */
    public int count() {
        return count;
    }

    public UUID preferenceId(int rank) {
        return new UUID(idMsb[rank], idLsb[rank]);
    }

    public String userId(int rank) {
        return userId[rank];
    }

    public long bidCents(int rank) {
        return bid[rank];
    }

    public long effectiveBudgetCents(int rank) {
        return effective[rank];
    }

    public long maxBidCents(int rank) {
        return maxBid[rank];
    }

    /** {@link PreferenceRecord#NO_TOTAL_BUDGET} when the preference has no cap. */
    public long totalBudgetCents(int rank) {
        return totalBudget[rank];
    }

    public long createdAtMillis(int rank) {
        return createdAt[rank];
    }

    void begin(int maxCandidates) {
        if (maxCandidates > idMsb.length) {
            allocate(maxCandidates);
        }
        outcome = Outcome.NO_MATCH;
        eligible = 0;
        count = 0;
        laneCount = 0;
        runnerUpBelowList = -1;
    }

    void end(Outcome outcome, int eligible) {
        this.outcome = outcome;
        this.eligible = eligible;
    }

    void addLane(Posting posting, long threshold) {
        if (posting != null && posting.size() > 0) {
            lanes[laneCount] = posting;
            laneBlock[laneCount] = 0;
            laneIndex[laneCount] = 0;
            laneLeft[laneCount] = posting.countAtLeast(threshold);
            laneCount++;
        }
    }

    int laneCount() {
        return laneCount;
    }

    Posting lane(int lane) {
        return lanes[lane];
    }

    int laneEligible(int lane) {
        return laneLeft[lane];
    }

    void releaseLanes() {
        Arrays.fill(lanes, null);
        laneCount = 0;
    }

    /** The eligible lane whose next entry ranks first, or -1 when all are exhausted. */
    int bestLane(Slots slots) {
        int best = -1;
        long bestEntry = 0;
        for (int lane = 0; lane < laneCount; lane++) {
            if (laneLeft[lane] > 0) {
                long entry = lanes[lane].block(laneBlock[lane])[laneIndex[lane]];
                if (best < 0 || slots.compare(entry, bestEntry) < 0) {
                    best = lane;
                    bestEntry = entry;
                }
            }
        }
        return best;
    }

    long take(int lane) {
        Posting posting = lanes[lane];
        long entry = posting.block(laneBlock[lane])[laneIndex[lane]];
        laneLeft[lane]--;
        if (++laneIndex[lane] == posting.blockSize(laneBlock[lane])) {
            laneBlock[lane]++;
            laneIndex[lane] = 0;
        }
        return entry;
    }

    void addCandidate(Slots slots, int slot, long effectiveBudget, String userName) {
        int i = count++;
        idMsb[i] = slots.idMsb(slot);
        idLsb[i] = slots.idLsb(slot);
        createdAt[i] = slots.createdAt(slot);
        maxBid[i] = slots.maxBid(slot);
        totalBudget[i] = slots.totalBudget(slot);
        effective[i] = effectiveBudget;
        user[i] = slots.user(slot);
        userId[i] = userName;
    }

    int lastCandidateUser() {
        return user[count - 1];
    }

    void runnerUpBelowList(long effectiveBudget) {
        runnerUpBelowList = effectiveBudget;
    }

    /**
     * SPEC §4.3 for every candidate, assuming those ranked above it are unavailable: its runner-up is the
     * first candidate below it of another user (a user never competes with himself).
     */
    void price(AuctionType type, long floor, long minIncrement) {
        long runnerUp = runnerUpBelowList;
        for (int i = count - 1; i >= 0; i--) {
            if (i < count - 1 && user[i + 1] != user[i]) {
                runnerUp = effective[i + 1];
            }
            bid[i] = bid(type, effective[i], runnerUp, floor, minIncrement);
        }
    }

    static long bid(AuctionType type, long winnerBudget, long runnerUp, long floor, long minIncrement) {
        if (type == AuctionType.SECOND_PRICE) {
            return winnerBudget;
        }
        long bid = runnerUp < 0 ? floor : Math.min(winnerBudget, Math.max(floor, runnerUp + minIncrement));
        return Math.max(bid, 1);
    }

    private void allocate(int capacity) {
        idMsb = new long[capacity];
        idLsb = new long[capacity];
        createdAt = new long[capacity];
        maxBid = new long[capacity];
        totalBudget = new long[capacity];
        effective = new long[capacity];
        bid = new long[capacity];
        user = new int[capacity];
        userId = new String[capacity];
    }
}
