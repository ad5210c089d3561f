package io.oktioneer.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §4, one row per rule: the preferences, the auction, and the expected outcome, eligible count and ranked
 * candidates written as {@code name@bid}.
 */
class DecisionRulesTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                row("max budget wins", List.of(p("A", "u1").max("100"), p("B", "u2").max("150")),
                        q().floor("10").increment("1"), Outcome.CANDIDATES, 2, "B@101.00", "A@10.00"),
                row("tie goes to the oldest preference",
                        List.of(p("A", "u1").max("100").created(2), p("B", "u2").max("100").created(1)),
                        q().floor("10").increment("1"), Outcome.CANDIDATES, 2, "B@100.00", "A@10.00"),
                row("runner-up plus increment", List.of(p("A", "u1").max("200"), p("B", "u2").max("150")),
                        q().floor("100").increment("5"), Outcome.CANDIDATES, 2, "A@155.00", "B@100.00"),
                row("runner-up plus increment capped at the winner's budget",
                        List.of(p("A", "u1").max("100"), p("B", "u2").max("99.50")),
                        q().floor("10").increment("1"), Outcome.CANDIDATES, 2, "A@100.00", "B@10.00"),
                row("floor when alone", List.of(p("A", "u1").max("200")),
                        q().floor("120"), Outcome.CANDIDATES, 1, "A@120.00"),
                row("a user never raises his own price",
                        List.of(p("A", "u1").max("200"), p("A2", "u1").max("180"), p("B", "u2").max("100")),
                        q().floor("50").increment("1"), Outcome.CANDIDATES, 3, "A@101.00", "A2@101.00", "B@50.00"),
                row("a user alone pays the floor whatever his other preferences",
                        List.of(p("A", "u1").max("200"), p("A2", "u1").max("180")),
                        q().floor("50").increment("1"), Outcome.CANDIDATES, 2, "A@50.00", "A2@50.00"),
                row("SECOND_PRICE bids the effective budget",
                        List.of(p("A", "u1").max("200"), p("B", "u2").max("150").total("1000").spent("880")),
                        q().floor("10").type(AuctionType.SECOND_PRICE), Outcome.CANDIDATES, 2,
                        "A@200.00", "B@120.00"),
                row("FIRST_PRICE bids like ENGLISH", List.of(p("A", "u1").max("200"), p("B", "u2").max("150")),
                        q().floor("10").increment("1").type(AuctionType.FIRST_PRICE), Outcome.CANDIDATES, 2,
                        "A@151.00", "B@10.00"),
                row("effective budget is capped by the remaining total budget",
                        List.of(p("A", "u1").max("200").total("500").spent("300").reserved("100"),
                                p("B", "u2").max("150")),
                        q().floor("10").increment("1"), Outcome.CANDIDATES, 2, "B@101.00", "A@10.00"),
                row("any category and any brand match, wrong ones do not",
                        List.of(p("Any", "u1").max("100"), p("Cat", "u2").max("90").categories("watches"),
                                p("Brand", "u3").max("80").brands("omega"),
                                p("Pair", "u4").max("70").categories("watches").brands("omega", "seiko"),
                                p("OtherCat", "u5").max("300").categories("shoes"),
                                p("OtherBrand", "u6").max("300").categories("watches").brands("seiko")),
                        q().item("watches", "omega").floor("10").increment("1"), Outcome.CANDIDATES, 4,
                        "Any@91.00", "Cat@81.00", "Brand@71.00", "Pair@10.00"),
                row("categories and brands compare case-insensitively after trimming",
                        List.of(p("A", "u1").max("100").categories(" Watches").brands("OMEGA ")),
                        q().item("  watches ", "Omega").floor("10"), Outcome.CANDIDATES, 1, "A@10.00"),
                row("an item without category or brand matches only preferences without them",
                        List.of(p("Any", "u1").max("100"), p("Cat", "u2").max("300").categories("watches"),
                                p("Brand", "u3").max("200").brands("omega")),
                        q().item(null, "omega").floor("10").increment("1"), Outcome.CANDIDATES, 2,
                        "Brand@101.00", "Any@10.00"),
                row("an item with neither matches only preferences with neither",
                        List.of(p("Any", "u1").max("100"), p("Cat", "u2").max("300").categories("watches"),
                                p("Brand", "u3").max("200").brands("omega")),
                        q().item(null, null).floor("10"), Outcome.CANDIDATES, 1, "Any@10.00"),
                row("currency mismatch", List.of(p("A", "u1").max("100").currency("USD")),
                        q().floor("10"), Outcome.NO_MATCH, 0),
                row("suspended user never matches", List.of(p("A", "u1").max("100").suspended()),
                        q().floor("10"), Outcome.NO_MATCH, 0),
                row("inactive preference never matches", List.of(p("A", "u1").max("100").inactive()),
                        q().floor("10"), Outcome.NO_MATCH, 0),
                row("no preference for the category", List.of(p("A", "u1").max("100").categories("shoes")),
                        q().item("watches", null).floor("10"), Outcome.NO_MATCH, 0),
                row("below floor", List.of(p("A", "u1").max("40"), p("B", "u2").max("49.99")),
                        q().floor("50"), Outcome.BELOW_FLOOR, 0),
                row("budget exhausted: maxBid reaches the floor, the remaining budget does not",
                        List.of(p("A", "u1").max("200").total("100").spent("60").reserved("20"),
                                p("B", "u2").max("40")),
                        q().floor("50"), Outcome.BUDGET_EXHAUSTED, 0),
                row("budget fully spent", List.of(p("A", "u1").max("200").total("100").spent("100")),
                        q().floor("10"), Outcome.BUDGET_EXHAUSTED, 0),
                row("a preference below the floor is no runner-up",
                        List.of(p("A", "u1").max("300"), p("B", "u2").max("50")),
                        q().floor("100").increment("1"), Outcome.CANDIDATES, 1, "A@100.00"),
                row("0.01 minimum: floor 0 and no runner-up", List.of(p("A", "u1").max("5")),
                        q().floor("0"), Outcome.CANDIDATES, 1, "A@0.01"),
                row("floor 0 with a runner-up", List.of(p("A", "u1").max("5"), p("B", "u2").max("3")),
                        q().floor("0").increment("0.01"), Outcome.CANDIDATES, 2, "A@3.01", "B@0.01"),
                row("floor 0: a budget under 0.01 is not eligible",
                        List.of(p("A", "u1").max("5").total("10").spent("10")),
                        q().floor("0"), Outcome.BUDGET_EXHAUSTED, 0),
                row("floor 0: exactly 0.01 left is eligible",
                        List.of(p("A", "u1").max("5").total("10").spent("9.99")),
                        q().floor("0"), Outcome.CANDIDATES, 1, "A@0.01"),
                row("maxCandidates caps the list; the last one's runner-up lies below it",
                        List.of(p("A", "u1").max("300"), p("B", "u2").max("200"), p("C", "u3").max("100")),
                        q().floor("10").increment("1").max(2), Outcome.CANDIDATES, 3, "A@201.00", "B@101.00"),
                row("runner-up below the list skips the last candidate's own preferences",
                        List.of(p("A", "u1").max("300"), p("A2", "u1").max("250"), p("A3", "u1").max("240"),
                                p("B", "u2").max("100")),
                        q().floor("10").increment("1").max(2), Outcome.CANDIDATES, 4, "A@101.00", "A2@101.00"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void decides(String rule, List<P> preferences, Q query, Outcome outcome, int eligible, List<String> ranked) {
        PreferenceIndex index = new PreferenceIndex();
        Map<UUID, String> names = new LinkedHashMap<>();
        for (P preference : preferences) {
            UUID id = UUID.randomUUID();
            names.put(id, preference.name);
            index.upsert(preference.record(id));
            if (preference.spent != 0 || preference.reserved != 0) {
                index.ledger(id, preference.spent, preference.reserved, 1);
            }
        }
        Decision decision = new Decision();
        index.decide(query.query(), decision);

        assertThat(decision.outcome()).as("outcome").isEqualTo(outcome);
        assertThat(decision.eligible()).as("eligible").isEqualTo(eligible);
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < decision.count(); i++) {
            actual.add(names.get(decision.preferenceId(i)) + "@" + Cents.toAmount(decision.bidCents(i)));
        }
        assertThat(actual).as("ranked candidates").containsExactlyElementsOf(ranked);
    }

    private static Arguments row(String rule, List<P> preferences, Q query, Outcome outcome, int eligible,
                                 String... ranked) {
        return Arguments.of(rule, preferences, query, outcome, eligible, Arrays.asList(ranked));
    }

    static P p(String name, String user) {
        return new P(name, user);
    }

    static Q q() {
        return new Q();
    }

    static long cents(String amount) {
        return Cents.of(new BigDecimal(amount));
    }

    /** A preference of a test row; created in order of appearance unless {@link #created} says otherwise. */
    static final class P {
        private static long clock = 1_000;
        final String name;
        final String user;
        List<String> categories = List.of();
        List<String> brands = List.of();
        long maxBid;
        long totalBudget = PreferenceRecord.NO_TOTAL_BUDGET;
        long spent;
        long reserved;
        String currency = "EUR";
        boolean active = true;
        boolean userActive = true;
        long createdAt = clock++;

        P(String name, String user) {
            this.name = name;
            this.user = user;
        }

        P max(String amount) {
            maxBid = cents(amount);
            return this;
        }

        P total(String amount) {
            totalBudget = cents(amount);
            return this;
        }

        P spent(String amount) {
            spent = cents(amount);
            return this;
        }

        P reserved(String amount) {
            reserved = cents(amount);
            return this;
        }

        P categories(String... values) {
            categories = List.of(values);
            return this;
        }

        P brands(String... values) {
            brands = List.of(values);
            return this;
        }

        P currency(String value) {
            currency = value;
            return this;
        }

        P inactive() {
            active = false;
            return this;
        }

        P suspended() {
            userActive = false;
            return this;
        }

        P created(long order) {
            createdAt = order;
            return this;
        }

        PreferenceRecord record(UUID id) {
            return new PreferenceRecord(id, user, userActive, categories, brands, maxBid, totalBudget, currency,
                    active, createdAt);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The auction of a test row: item without category/brand, EUR, ENGLISH, increment 0.01 unless set. */
    static final class Q {
        String category;
        String brand;
        long floor;
        long increment = 1;
        AuctionType type = AuctionType.ENGLISH;
        int maxCandidates = 10;

        Q item(String category, String brand) {
            this.category = category;
            this.brand = brand;
            return this;
        }

        Q floor(String amount) {
            floor = cents(amount);
            return this;
        }

        Q increment(String amount) {
            increment = cents(amount);
            return this;
        }

        Q type(AuctionType value) {
            type = value;
            return this;
        }

        Q max(int candidates) {
            maxCandidates = candidates;
            return this;
        }

        DecisionQuery query() {
            return new DecisionQuery(category, brand, floor, "EUR", type, increment, maxCandidates);
        }

        @Override
        public String toString() {
            return "auction";
        }
    }
}
