package io.oktioneer.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index against a brute-force reading of SPEC §4 over random feeds: upserts (many ties, large postings
 * that become blocked), deletes, ledger snapshots and user status changes, then random auctions compared
 * field by field.
 */
class PreferenceIndexModelTest {

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    private static final String[] CATEGORIES = {"watches", "shoes", "cars", "books", "toys"};
    private static final String[] BRANDS = {"omega", "seiko", "nike", "lego", "bmw", "acme"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 42})
    void agreesWithTheReference(long seed) {
        Random random = new Random(seed);
        PreferenceIndex index = new PreferenceIndex(16);
        Map<UUID, Model> model = new HashMap<>();
        Map<String, Boolean> userBlocked = new HashMap<>();
        Map<String, Integer> preferencesOf = new HashMap<>();
        List<UUID> ids = new ArrayList<>();
        Decision decision = new Decision(2);

        for (int step = 0; step < 8_000; step++) {
            int action = random.nextInt(100);
            if (action < 55 || ids.isEmpty()) {
                UUID id = ids.isEmpty() || random.nextInt(4) > 0 ? UUID.randomUUID() : ids.get(random.nextInt(ids.size()));
                Model m = model.containsKey(id) ? model.get(id).replaced(random) : Model.random(id, random);
                if (!model.containsKey(id)) {
                    ids.add(id);
                    preferencesOf.merge(m.user, 1, Integer::sum);
                }
                model.put(id, m);
                index.upsert(m.record());
            } else if (action < 62) {
                UUID id = ids.remove(random.nextInt(ids.size()));
                preferencesOf.merge(model.remove(id).user, -1, Integer::sum);
                assertThat(index.delete(id)).isTrue();
            } else if (action < 90) {
                UUID id = ids.get(random.nextInt(ids.size()));
                Model m = model.get(id);
                long version = m.ledgerVersion == Long.MIN_VALUE ? random.nextInt(3)
                        : m.ledgerVersion + random.nextInt(3) - 1;
                long spent = random.nextInt(30) * 10_00L;
                long reserved = random.nextInt(10) * 5_00L;
                if (version > m.ledgerVersion) {
                    m.ledgerVersion = version;
                    m.spent = spent;
                    m.reserved = reserved;
                }
                index.ledger(id, spent, reserved, version);
            } else if (action < 93) {
                String user = "u" + random.nextInt(12);
                boolean active = random.nextInt(3) > 0;
                if (preferencesOf.getOrDefault(user, 0) > 0) {
                    userBlocked.put(user, !active);
                }
                index.userStatus(user, active);
            } else {
                DecisionQuery query = randomQuery(random);
                index.decide(query, decision);
                assertAgrees(query, decision, reference(model, userBlocked, query));
            }
            // A user entry is forgotten with his last preference.
            userBlocked.keySet().removeIf(user -> preferencesOf.getOrDefault(user, 0) == 0);
        }
        assertThat(index.size()).isEqualTo(model.size());
    }

    private static DecisionQuery randomQuery(Random random) {
        String category = random.nextInt(6) == 0 ? null : CATEGORIES[random.nextInt(CATEGORIES.length)];
        String brand = random.nextInt(5) == 0 ? null : BRANDS[random.nextInt(BRANDS.length)];
        if (category != null && random.nextBoolean()) {
            category = " " + category.toUpperCase() + " ";
        }
        long floor = random.nextInt(4) == 0 ? 0 : random.nextInt(250) * 100L;
        AuctionType type = AuctionType.values()[random.nextInt(3)];
        return new DecisionQuery(category, brand, floor, CURRENCIES[random.nextInt(CURRENCIES.length)], type,
                random.nextInt(3) * 50L, 1 + random.nextInt(6));
    }

    private static void assertAgrees(DecisionQuery query, Decision actual, Expected expected) {
        assertThat(actual.outcome()).as("outcome of %s", query).isEqualTo(expected.outcome);
        assertThat(actual.eligible()).as("eligible of %s", query).isEqualTo(expected.eligible);
        assertThat(actual.count()).as("count of %s", query).isEqualTo(expected.ids.size());
        for (int i = 0; i < actual.count(); i++) {
            assertThat(actual.preferenceId(i)).as("rank %d of %s", i, query).isEqualTo(expected.ids.get(i));
            assertThat(actual.bidCents(i)).as("bid %d of %s", i, query).isEqualTo(expected.bids.get(i));
        }
    }

    private static Expected reference(Map<UUID, Model> model, Map<String, Boolean> userBlocked, DecisionQuery q) {
        String category = q.category() == null ? null : q.category().strip().toLowerCase();
        String brand = q.brand() == null ? null : q.brand().strip().toLowerCase();
        List<Model> matching = new ArrayList<>();
        for (Model m : model.values()) {
            boolean usable = m.active && m.userActive && !userBlocked.getOrDefault(m.user, false)
                    && m.currency.equals(q.currency());
            boolean categoryMatches = m.categories.isEmpty() || (category != null && m.categories.contains(category));
            boolean brandMatches = m.brands.isEmpty() || (brand != null && m.brands.contains(brand));
            if (usable && categoryMatches && brandMatches) {
                matching.add(m);
            }
        }
        long threshold = Math.max(1, q.floorCents());
        List<Model> eligible = new ArrayList<>(matching.stream().filter(m -> m.effective() >= threshold).toList());
        eligible.sort(Comparator.comparingLong(Model::effective).reversed()
                .thenComparingLong(m -> m.createdAt).thenComparing(m -> m.id));
        Expected expected = new Expected();
        if (matching.isEmpty()) {
            expected.outcome = Outcome.NO_MATCH;
        } else if (eligible.isEmpty()) {
            expected.outcome = matching.stream().anyMatch(m -> m.maxBid >= threshold)
                    ? Outcome.BUDGET_EXHAUSTED : Outcome.BELOW_FLOOR;
        } else {
            expected.outcome = Outcome.CANDIDATES;
            expected.eligible = eligible.size();
            for (int i = 0; i < Math.min(q.maxCandidates(), eligible.size()); i++) {
                Model winner = eligible.get(i);
                long runnerUp = -1;
                for (int j = i + 1; j < eligible.size(); j++) {
                    if (!eligible.get(j).user.equals(winner.user)) {
                        runnerUp = eligible.get(j).effective();
                        break;
                    }
                }
                long bid;
                if (q.auctionType() == AuctionType.SECOND_PRICE) {
                    bid = winner.effective();
                } else if (runnerUp < 0) {
                    bid = Math.max(1, q.floorCents());
                } else {
                    bid = Math.max(1, Math.min(winner.effective(),
                            Math.max(q.floorCents(), runnerUp + q.minIncrementCents())));
                }
                expected.ids.add(winner.id);
                expected.bids.add(bid);
            }
        }
        return expected;
    }

    private static final class Expected {
        Outcome outcome;
        int eligible;
        final List<UUID> ids = new ArrayList<>();
        final List<Long> bids = new ArrayList<>();
    }

    private static final class Model {
        UUID id;
        String user;
        boolean userActive;
        Set<String> categories;
        Set<String> brands;
        long maxBid;
        long totalBudget;
        String currency;
        boolean active;
        long createdAt;
        long spent;
        long reserved;
        long ledgerVersion = Long.MIN_VALUE;

        static Model random(UUID id, Random random) {
            Model m = new Model();
            m.id = id;
            m.user = "u" + random.nextInt(12);
            m.createdAt = random.nextInt(50);
            m.fill(random);
            return m;
        }

        Model replaced(Random random) {
            fill(random);
            return this;
        }

        private void fill(Random random) {
            userActive = random.nextInt(10) > 0;
            active = random.nextInt(10) > 0;
            categories = random.nextInt(3) == 0 ? Set.of() : pick(random, CATEGORIES);
            brands = random.nextInt(3) == 0 ? Set.of() : pick(random, BRANDS);
            maxBid = (1 + random.nextInt(30)) * 10_00L;
            totalBudget = random.nextBoolean() ? PreferenceRecord.NO_TOTAL_BUDGET : random.nextInt(40) * 10_00L;
            currency = random.nextInt(4) == 0 ? CURRENCIES[random.nextInt(CURRENCIES.length)] : "EUR";
        }

        long effective() {
            long e = totalBudget < 0 ? maxBid : Math.min(maxBid, totalBudget - spent - reserved);
            return Math.max(0, e);
        }

        PreferenceRecord record() {
            List<String> cats = new ArrayList<>();
            for (String c : categories) {
                cats.add(c.length() % 2 == 0 ? c.toUpperCase() : " " + c);
            }
            return new PreferenceRecord(id, user, userActive, cats, new ArrayList<>(brands), maxBid, totalBudget,
                    currency, active, createdAt);
        }

        private static Set<String> pick(Random random, String[] values) {
            Set<String> picked = new HashSet<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                picked.add(values[random.nextInt(values.length)]);
            }
            return picked;
        }
    }
}
