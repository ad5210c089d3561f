package io.oktioneer.engine.benchmark;

import io.oktioneer.engine.index.AuctionType;
import io.oktioneer.engine.index.DecisionQuery;
import io.oktioneer.engine.index.PreferenceIndex;
import io.oktioneer.engine.index.PreferenceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A deterministic, realistic population of preferences and auctions: 400 categories and 5,000 brands with
 * Zipf-skewed popularity (a few categories and brands are very popular), about 4 preferences per user, 15 %
 * any-category and 35 % any-brand preferences, 30 % with a total budget (some of them nearly spent), 6
 * currencies, 5 % inactive preferences and 2 % suspended users. Auctions draw their item from the same
 * popularity, so the postings a decision touches are the big ones.
 */
final class Workload {

    /** What the auction-service asks for (its {@code oktioneer.engine.max-candidates} default). */
    static final int CANDIDATES_ASKED = 5;
    static final int CATEGORIES = 400;
    static final int BRANDS = 5_000;
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY", "CHF", "SEK"};
    private static final double[] CURRENCY_SHARE = cumulative(new double[] {45, 30, 12, 6, 4, 3});
    private static final double[] CATEGORY_POPULARITY = zipf(CATEGORIES, 1.0);
    private static final double[] BRAND_POPULARITY = zipf(BRANDS, 1.1);
    private static final long NOW = 1_790_000_000_000L;
    private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;

    private Workload() {
    }

    /** A preference with a total budget: {id, maxBid, totalBudget}, for ledger updates. */
    record Budgeted(UUID id, long maxBidCents, long totalBudgetCents) {
    }

    /** An index of {@code count} preferences with their ledgers; collects a few budgeted ones when asked. */
    static PreferenceIndex build(int count, long seed, List<Budgeted> budgetedSample) {
        SplittableRandom random = new SplittableRandom(seed);
        PreferenceIndex index = new PreferenceIndex(count);
        int users = Math.max(1, count / 4);
        for (int i = 0; i < count; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            long maxBid = maxBidCents(random);
            long totalBudget = PreferenceRecord.NO_TOTAL_BUDGET;
            if (random.nextInt(100) < 30) {
                totalBudget = maxBid * (1 + random.nextInt(20));
            }
            index.upsert(new PreferenceRecord(id, "user-" + random.nextInt(users), random.nextInt(100) >= 2,
                    categories(random), brands(random), maxBid, totalBudget, currency(random),
                    random.nextInt(100) >= 5, NOW - random.nextLong(YEAR_MILLIS)));
            if (totalBudget > 0) {
                long spent = (long) (totalBudget * random.nextDouble() * 0.9);
                long reserved = random.nextInt(4) == 0 ? Math.min(maxBid, totalBudget - spent) : 0;
                index.ledger(id, spent, reserved, 1);
                if (budgetedSample != null && budgetedSample.size() < 4096) {
                    budgetedSample.add(new Budgeted(id, maxBid, totalBudget));
                }
            }
        }
        return index;
    }

    /** Auctions in the same currencies and for the same popular items as the preferences. */
    static DecisionQuery[] auctions(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DecisionQuery[] queries = new DecisionQuery[count];
        for (int i = 0; i < count; i++) {
            String category = random.nextInt(100) < 5 ? null : "Category-" + pick(CATEGORY_POPULARITY, random);
            String brand = random.nextInt(100) < 10 ? null : "Brand-" + pick(BRAND_POPULARITY, random);
            long floor = random.nextInt(4) == 0 ? 0 : Math.round(Math.exp(Math.log(40) + random.nextDouble(-1.5, 1.5)) * 100);
            int type = random.nextInt(100);
            AuctionType auctionType = type < 70 ? AuctionType.ENGLISH
                    : type < 85 ? AuctionType.FIRST_PRICE : AuctionType.SECOND_PRICE;
            long increment = new long[] {1, 50, 100}[random.nextInt(3)];
            queries[i] = new DecisionQuery(category, brand, floor, currency(random), auctionType, increment,
                    CANDIDATES_ASKED);
        }
        return queries;
    }

    private static long maxBidCents(SplittableRandom random) {
        double major = Math.exp(Math.log(80) + random.nextDouble(-2.5, 2.5));
        long cents = Math.max(1, Math.min(100_000_00L, Math.round(major * 100)));
        int rounding = random.nextInt(10);
        if (rounding < 6) {
            return Math.max(100, cents / 100 * 100); // whole units: many equal budgets, ties to break
        }
        return rounding < 8 ? Math.max(99, cents / 100 * 100 - 1) : cents;
    }

    private static List<String> categories(SplittableRandom random) {
        if (random.nextInt(100) < 15) {
            return List.of();
        }
        int roll = random.nextInt(100);
        int n = roll < 65 ? 1 : roll < 87 ? 2 : roll < 96 ? 3 : 4 + random.nextInt(3);
        List<String> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add("category-" + pick(CATEGORY_POPULARITY, random));
        }
        return result;
    }

    private static List<String> brands(SplittableRandom random) {
        if (random.nextInt(100) < 35) {
            return List.of();
        }
        int roll = random.nextInt(100);
        int n = roll < 55 ? 1 : roll < 80 ? 2 : roll < 92 ? 3 : 4 + random.nextInt(5);
        List<String> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add("brand-" + pick(BRAND_POPULARITY, random));
        }
        return result;
    }

    private static String currency(SplittableRandom random) {
        return CURRENCIES[pick(CURRENCY_SHARE, random)];
    }

    private static int pick(double[] cumulative, SplittableRandom random) {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] zipf(int n, double exponent) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / Math.pow(i + 1, exponent);
        }
        return cumulative(weights);
    }

    private static double[] cumulative(double[] weights) {
        double[] result = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            result[i] = sum;
        }
        return result;
    }
}
