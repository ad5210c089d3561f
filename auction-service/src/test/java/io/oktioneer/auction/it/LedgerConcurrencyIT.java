package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.contracts.engine.EngineCandidate;
import io.oktioneer.contracts.engine.EngineResponse;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ledger under concurrency: budgets are never exceeded, replays reserve once, results settle exactly. */
class LedgerConcurrencyIT extends AuctionServiceITBase {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private MeterRegistry meters;

    /** Runs all tasks at once (released together) and returns their results in order. */
    /** 400 evaluations at once on purpose: above the default in-flight limit (OverloadIT tests the limit). */
    @DynamicPropertySource
    static void noLimit(DynamicPropertyRegistry registry) {
        registry.add("oktioneer.evaluation.max-in-flight", () -> 1000);
    }

    private static <T> List<T> allAtOnce(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }

    @Test
    void parallelEvaluationsNeverExceedABudgetAndBidExactlyAsOftenAsBudgetsAllow() throws Exception {
        // 8 users; preference k bids 10+k and its budget holds exactly k+1 such bids (plus a remainder too small
        // for another). Every auction ranks all 8, so the number of BIDs is the sum of what the budgets allow.
        int users = 8;
        List<EngineCandidate> ranked = new ArrayList<>();
        Map<UUID, BigDecimal> bids = new HashMap<>();
        Map<UUID, BigDecimal> totals = new HashMap<>();
        int allowed = 0;
        for (int k = 0; k < users; k++) {
            UUID id = UUID.randomUUID();
            BigDecimal bid = new BigDecimal(10 + k).setScale(2);
            BigDecimal total = bid.multiply(BigDecimal.valueOf(k + 1)).add(new BigDecimal("9.99"));
            bids.put(id, bid);
            totals.put(id, total);
            allowed += k + 1;
            // half of the budgets come from the preference events, half only from the engine's candidate
            ranked.add(candidate(id, "cu" + k, bid.toPlainString(), k % 2 == 0 ? total.toPlainString() : "999999"));
            if (k % 2 == 0) {
                continue;
            }
            KafkaTopics.publishPreferences(bootstrap(), PREFERENCES_TOPIC,
                    List.of(KafkaTopics.preference(id, "cu" + k, total.toPlainString(), 1)), List.of(), List.of());
        }
        awaitBudgetsKnown(ranked, totals);
        ENGINE.answer(request -> new EngineResponse("CANDIDATES", users, ranked));

        List<Callable<Api.Response>> evaluations = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String body = evaluateBody("ex-conc", "P-" + ID + "-" + i, "5", "'tmaxMs':60000");
            evaluations.add(() -> api.evaluate(body));
        }
        List<Api.Response> answers = allAtOnce(evaluations);

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        List<Api.Response> won = answers.stream().filter(a -> a.json().get("decision").asString().equals("BID")).toList();
        assertThat(won).hasSize(allowed);
        assertThat(answers.stream().filter(a -> !a.json().get("decision").asString().equals("BID")))
                .allSatisfy(a -> assertThat(a.json().get("reason").asString()).isEqualTo("BUDGET_EXHAUSTED"));
        for (EngineCandidate c : ranked) {
            BigDecimal reserved = reserved(c.preferenceId());
            assertThat(reserved.add(spent(c.preferenceId()))).isLessThanOrEqualTo(totals.get(c.preferenceId()));
            long bidsOnIt = won.stream().filter(a -> a.json().get("bid").get("preferenceId").asString()
                    .equals(c.preferenceId().toString())).count();
            assertThat(reserved).isEqualByComparingTo(bids.get(c.preferenceId()).multiply(BigDecimal.valueOf(bidsOnIt)));
        }

        // Settle: every other BID is WON at 1.00 below its bid, the others LOST or CANCELLED; all in parallel.
        Map<UUID, BigDecimal> expectedSpent = new HashMap<>();
        List<Callable<Api.Response>> results = new ArrayList<>();
        for (int i = 0; i < won.size(); i++) {
            var answer = won.get(i).json();
            UUID pref = UUID.fromString(answer.get("bid").get("preferenceId").asString());
            BigDecimal bid = answer.get("bid").get("amount").decimalValue();
            String outcome = i % 3 == 0 ? "LOST" : i % 3 == 1 ? "WON" : "CANCELLED";
            String clearing = "";
            if (outcome.equals("WON")) {
                BigDecimal price = bid.subtract(BigDecimal.ONE);
                expectedSpent.merge(pref, price, BigDecimal::add);
                clearing = ",'clearingPrice':" + price.toPlainString();
            }
            String body = Api.json("{'exchange':'ex-conc','auctionId':'" + answer.get("auctionId").asString()
                    + "','outcome':'" + outcome + "'" + clearing + "}");
            results.add(() -> api.result(body));
        }
        assertThat(allAtOnce(results)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        for (EngineCandidate c : ranked) {
            assertThat(reserved(c.preferenceId())).isEqualByComparingTo("0");
            assertThat(spent(c.preferenceId())).isEqualByComparingTo(
                    expectedSpent.getOrDefault(c.preferenceId(), BigDecimal.ZERO));
        }
        long versions = ranked.stream().mapToLong(c -> (Long) ledger(c.preferenceId()).get("ledger_version")).sum();
        assertThat(versions).isEqualTo(2L * allowed);
    }

    private void awaitBudgetsKnown(List<EngineCandidate> ranked, Map<UUID, BigDecimal> totals) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> ranked.stream()
                .filter(c -> !c.totalBudget().equals(totals.get(c.preferenceId())))
                .allMatch(c -> jdbc.queryForObject("SELECT count(*) FROM preference_budget WHERE preference_id = ?"
                        + " AND total_budget = ?", Long.class, c.preferenceId(), totals.get(c.preferenceId())) == 1));
    }

    @Test
    void theSameAuctionSentTwentyTimesAtOnceReservesOnce() throws Exception {
        UUID preference = UUID.randomUUID();
        ENGINE.answer(request -> FakeEngine.candidates(1, candidate(preference, "ru", "42.50", "1000")));
        String body = evaluateBody("ex-replay", unique("R"), "40", null);
        List<Callable<Api.Response>> same = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            same.add(() -> api.evaluate(body));
        }
        List<Api.Response> answers = allAtOnce(same);

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
        assertThat(answers.stream().map(a -> a.json().get("decisionId").asString()).distinct()).hasSize(1);
        assertThat(answers.stream().filter(a -> !a.replayed())).hasSize(1);
        assertThat(reserved(preference)).isEqualByComparingTo("42.50");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auction_round r JOIN auction a USING (exchange, auction_id)"
                + " WHERE a.exchange = 'ex-replay' AND r.preference_id = ?", Long.class, preference)).isEqualTo(1);
    }

    /**
     * Another writer (another auction-service instance) changes a budget after this instance's batch read it and
     * before the batch writes it: the write must not reserve beyond the budget the row has by then. The batch is
     * written again from the new row, which no longer fits the bid, so the round goes to the next candidate; the
     * budget is never exceeded.
     */
    @Test
    void aBudgetChangedByAnotherWriterAfterTheBatchReadItIsResolvedAgainFromTheNewRow() throws Exception {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        ENGINE.answer(request -> FakeEngine.candidates(2, candidate(first, "cw1", "30.00", "100.00"),
                candidate(second, "cw2", "20.00", "100.00")));
        assertThat(api.evaluate(evaluateBody("ex-conflict", unique("C"), "5", null)).json().get("bid")
                .get("preferenceId").asString()).isEqualTo(first.toString());
        double conflictsBefore = meters.counter("oktioneer.ledger.conflicts").count();

        Api.Response answer = evaluateWhileAnotherWriterReserves(first, "50", unique("C"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("decision").asString()).isEqualTo("BID");
        assertThat(answer.json().get("bid").get("preferenceId").asString()).isEqualTo(second.toString());
        assertThat(reserved(first)).isEqualByComparingTo("80.00");
        assertThat(ledger(first).get("ledger_version")).isEqualTo(2L);
        assertThat(reserved(second)).isEqualByComparingTo("20.00");
        assertThat(ledger(second).get("ledger_version")).isEqualTo(1L);
        assertThat(meters.counter("oktioneer.ledger.conflicts").count()).isEqualTo(conflictsBefore + 1);
    }
    /**
     * Evaluates while another writer (another instance's ledger writer) has reserved {@code amount} on the
     * preference and bumped its ledger version, uncommitted: the batch reads the row as it was, then waits to
     * write it; the other writer commits, and the batch goes on.
     */
    private Api.Response evaluateWhileAnotherWriterReserves(UUID preference, String amount, String auctionId)
            throws Exception {
        try (Connection otherWriter = dataSource.getConnection()) {
            otherWriter.setAutoCommit(false);
            try (PreparedStatement reserve = otherWriter.prepareStatement("UPDATE preference_budget"
                    + " SET reserved = reserved + ?::numeric, ledger_version = ledger_version + 1"
                    + " WHERE preference_id = ?")) {
                reserve.setString(1, amount);
                reserve.setObject(2, preference);
                assertThat(reserve.executeUpdate()).isEqualTo(1);
            }
            int otherPid;
            try (PreparedStatement pid = otherWriter.prepareStatement("SELECT pg_backend_pid()");
                 ResultSet rs = pid.executeQuery()) {
                rs.next();
                otherPid = rs.getInt(1);
            }
            String body = evaluateBody("ex-conflict", auctionId, "5", null);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Api.Response> evaluation = pool.submit(() -> api.evaluate(body));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                        "SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", Long.class,
                        otherPid) > 0);
                otherWriter.commit();
                return evaluation.get();
            }
        }
    }

    /**
     * The same race on an uncapped preference (the hot row of most auctions): its change cannot exceed a budget,
     * so it is written over the other writer's without a second attempt, and the event's budget snapshot states
     * the row as committed (both reservations, the version after both), not as the batch read it.
     */
    @Test
    void anUncappedBudgetChangedByAnotherWriterIsWrittenOnceAndItsEventStatesTheCommittedRow() throws Exception {
        UUID uncapped = UUID.randomUUID();
        ENGINE.answer(request -> FakeEngine.candidates(1, candidate(uncapped, "cw3", "30.00", null)));
        assertThat(api.evaluate(evaluateBody("ex-rebase", unique("U"), "5", null)).json().get("decision").asString())
                .isEqualTo("BID");
        double conflictsBefore = meters.counter("oktioneer.ledger.conflicts").count();
        String auction = unique("U");

        Api.Response answer = evaluateWhileAnotherWriterReserves(uncapped, "50", auction);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("bid").get("preferenceId").asString()).isEqualTo(uncapped.toString());
        assertThat(reserved(uncapped)).isEqualByComparingTo("110.00");
        assertThat(ledger(uncapped).get("ledger_version")).isEqualTo(3L);
        assertThat(meters.counter("oktioneer.ledger.conflicts").count()).isEqualTo(conflictsBefore);
        awaitOutboxEmpty();
        String event = KafkaTopics.readAll(bootstrap(), AUCTIONS_TOPIC).stream()
                .filter(r -> r.key().equals("ex-conflict:" + auction)).map(r -> r.value()).findFirst().orElseThrow();
        tools.jackson.databind.JsonNode snapshot = Api.JSON.readTree(event).get("payload").get("budgets").get(0);
        assertThat(snapshot.get("preferenceId").asString()).isEqualTo(uncapped.toString());
        assertThat(snapshot.get("reserved").decimalValue()).isEqualByComparingTo("110.00");
        assertThat(snapshot.get("ledgerVersion").asLong()).isEqualTo(3L);
        assertThat(Api.JSON.readTree(event).propertyNames()).containsExactly("eventId", "type", "version",
                "occurredAt", "traceId", "payload");
    }
}
