package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.client.ApiException;
import io.oktioneer.client.api.AuctionsApi;
import io.oktioneer.client.model.AuctionItem;
import io.oktioneer.client.model.DecisionView;
import io.oktioneer.client.model.EvaluateRequest;
import io.oktioneer.systemtest.SteadyLoad.Call;
import io.oktioneer.testsupport.Server;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault suite (issue #14): the whole platform on PostgreSQL, Redis, Kafka and ClickHouse of its own, under a
 * steady 40 evaluations/s (and a result for every bid) through the gateway; one fault at a time, each held
 * {@link #FAULT_HELD} and then healed. For each fault: no 500 anywhere; every evaluation answered within its
 * deadline ({@code tmaxMs} + {@link #DEADLINE_SLACK_MS}, measured by the client); and once healed, every answered auction in ClickHouse
 * exactly once, spent + reserved within every total budget, the outbox and the dead-letter topics empty (checked
 * with the load paused, so they are exact). The figures (requests, answers during the fault, p99, recovery time)
 * are printed, never asserted.
 *
 * <p>{@code tmaxMs} is 1000: a deadline, not a benchmark, wide enough for a loaded 2-core CI machine. Each fault
 * is its own test, PostgreSQL last, so one fault's failure reports itself without hiding the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final int RATE = 40;
    private static final int TMAX_MS = 1000;
    private static final int DEADLINE_SLACK_MS = 10;
    private static final Duration FAULT_HELD = Duration.ofSeconds(12);
    private static final Duration BASELINE = Duration.ofSeconds(3);
    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(30);
    private static final Duration RECOVERY_WAIT = Duration.ofSeconds(120);
    private static final Duration DATA_WAIT = Duration.ofSeconds(180);
    private static final Set<String> DEGRADED = Set.of("TIMEOUT", "ENGINE_UNAVAILABLE");

    private static PrivateServers servers;
    private static Platform platform;
    private static SteadyLoad load;
    private static final List<String> USERS = new ArrayList<>();
    private static final List<String> REPORT = new ArrayList<>();

    @BeforeAll
    static void startPlatformAndLoad() {
        Platform.stopShared(); // its five idle services and Prometheus would share the two cores with this one
        servers = new PrivateServers();
        platform = Platform.startOn(servers);
        String bidderKey = platform.newKey(Map.of("role", "BIDDER", "rateLimit", Map.of("perSecond", 10000, "burst", 10000)));
        String exchangeKey = platform.newKey(Map.of("role", "EXCHANGE", "exchange", SteadyLoad.EXCHANGE,
                "rateLimit", Map.of("perSecond", 10000, "burst", 10000)));
        for (int u = 0; u < 24; u++) {
            String user = "fault-user-" + u;
            USERS.add(user);
            Http.expect(platform.admin("PUT", "/api/v1/users/" + user, Map.of("displayName", user)), 200, 201);
            Map<String, Object> preference = new LinkedHashMap<>();
            preference.put("name", "fault preference " + u);
            preference.put("categories", List.of(SteadyLoad.CATEGORIES.get(u % SteadyLoad.CATEGORIES.size())));
            preference.put("maxBid", 60 + 10 * u);
            // a third run out of budget within the run: the ledger invariant is checked where it binds
            preference.put("totalBudget", u % 3 == 0 ? 400 : 1_000_000);
            preference.put("currency", "EUR");
            Http.expect(platform.admin("POST", "/api/v1/users/" + user + "/preferences", preference), 201);
        }
        awaitEngineBids(bidderKey);
        load = new SteadyLoad(platform.gatewayUrl(), bidderKey, exchangeKey, TMAX_MS, platform.id);
        load.start(RATE);
        // The platform's very first traffic runs code no warm-up reaches (first BIDs committed, results, first
        // outbox sends and inserts): up to ~1 s for ~8 s after a cold start on this machine. That is not a fault
        // window: the faults are measured from steady state, and this window is reported, not asserted.
        sleep(SETTLE);
        long settled = load.now();
        load.awaitAnswered(settled);
        List<Call> settling = load.calls(0, settled).stream().filter(Call::evaluate).toList();
        REPORT.add(String.format("%-26s evaluations %4d in the first %d s of load after the platform's start: %s "
                        + "(reported, not asserted)", "settling", settling.size(), SETTLE.toSeconds(),
                latencies(settling)));
    }

    @AfterAll
    static void stopEverything() {
        if (load != null) {
            load.close();
        }
        System.out.println("\n=== fault suite (" + RATE + " evaluations/s, tmaxMs " + TMAX_MS + ", load average "
                + Platform.loadAverage() + ") ===");
        REPORT.forEach(System.out::println);
        if (platform != null) {
            platform.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    @Order(1)
    void decisionEngineKilled() {
        fault("decision-engine kill -9", () -> platform.kill("decision-engine"),
                () -> platform.restart("decision-engine"), Watch.FIRST_30_SECONDS);
    }

    @Test
    @Order(2)
    void kafkaStopped() {
        fault("Kafka stopped", () -> servers.get(Server.KAFKA).stop(), () -> servers.get(Server.KAFKA).restart(),
                Watch.RECOVERY);
    }

    @Test
    @Order(3)
    void historyConsumerKilled() {
        fault("history-consumer kill -9", () -> platform.kill("history-consumer"),
                () -> platform.restart("history-consumer"), Watch.FIRST_30_SECONDS);
    }

    @Test
    @Order(4)
    void clickhouseStopped() {
        fault("ClickHouse stopped", () -> servers.get(Server.CLICKHOUSE).stop(),
                () -> servers.get(Server.CLICKHOUSE).restart(), Watch.RECOVERY);
    }

    @Test
    @Order(5)
    void redisStopped() {
        fault("Redis stopped", () -> servers.get(Server.REDIS).stop(), () -> servers.get(Server.REDIS).restart(),
                Watch.RECOVERY);
    }

    @Test
    @Order(6)
    void auctionServiceKilled() {
        fault("auction-service kill -9", () -> platform.kill("auction-service"),
                () -> platform.restart("auction-service"), Watch.FIRST_30_SECONDS);
    }

    @Test
    @Order(7)
    void postgresStopped() {
        fault("PostgreSQL stopped", () -> servers.get(Server.POSTGRES).stop(),
                () -> servers.get(Server.POSTGRES).restart(), Watch.RECOVERY);
    }

    /**
     * How long the answers are watched after the heal: for the restart of a JVM, the first 30 s of the new
     * process (issue #14: a restarted service answers no slower than a warm one), else the recovery plus
     * {@link #BASELINE}.
     */
    enum Watch { RECOVERY, FIRST_30_SECONDS }

    /** Baseline, the fault held, the heal, the recovery; then the checks on every call of that window. */
    private static void fault(String name, Runnable inject, Runnable heal, Watch watch) {
        long from = load.now();
        sleep(BASELINE);
        inject.run();
        long injected = load.now();
        sleep(FAULT_HELD);
        long healStart = load.now();
        heal.run();
        long healed = load.now();
        Long recoveredAt = awaitRecovery(healed);
        sleep(BASELINE);
        if (watch == Watch.FIRST_30_SECONDS) {
            sleep(Duration.ofMillis(Math.max(0, healed + AFTER_RESTART.toMillis() - load.now())));
        }
        long to = load.now();
        load.awaitAnswered(to);
        List<Call> calls = load.calls(from, to);

        List<Call> evaluations = calls.stream().filter(Call::evaluate).toList();
        List<Call> before = calls(evaluations, from, injected); // the baseline, up to the fault's injection
        List<Call> duringFault = calls(evaluations, injected, healed);
        List<Call> afterHeal = calls(evaluations, healed, to);
        String line = String.format("%-26s evaluations %4d, results %3d; before: %s; during the fault (%d ms + heal"
                        + " %d ms) %s, %s; after the heal (%d s): %s; recovery %s",
                name, evaluations.size(), calls.size() - evaluations.size(), latencies(before), healStart - injected,
                healed - healStart, breakdown(duringFault), latencies(duringFault), (to - healed) / 1000,
                latencies(afterHeal), recoveredAt == null ? "not within " + RECOVERY_WAIT.toSeconds() + " s"
                        : (recoveredAt - healed) + " ms after the heal");
        System.out.println(line);

        List<String> problems = new ArrayList<>();
        calls.stream().filter(call -> call.status() == 500 || call.status() < 0).limit(5)
                .forEach(call -> problems.add(call.kind() + " answered " + call.status() + " at " + call.sentAtMs()
                        + " ms: " + call.body()));
        evaluations.stream().filter(call -> call.latencyMs() > TMAX_MS + DEADLINE_SLACK_MS).limit(5)
                .forEach(call -> problems.add("evaluate answered in " + call.latencyMs() + " ms > tmaxMs " + TMAX_MS
                        + " + " + DEADLINE_SLACK_MS + " (sent at " + call.sentAtMs() + " ms): " + call.status() + " "
                        + call.body()));
        // The data checks are exact: the load pauses while they run (else the newest auctions are always
        // on their way to ClickHouse and the outbox never reads 0), and resumes for the next fault.
        load.pause();
        String data = DataChecks.awaitPassing(platform, USERS, answeredDecisionIds(), SteadyLoad.EXCHANGE, DATA_WAIT);
        load.resume();
        REPORT.add(line + "; data: " + (data.isEmpty() ? "all checks passed" : data));
        assertThat(problems).as(name + ": calls answered 500, failed or late").isEmpty();
        assertThat(data).as(name + ": data checks after healing").isEmpty();
    }

    /** e.g. {@code p50 12 ms, p99 60 ms, max 75 ms}. */
    private static String latencies(List<Call> calls) {
        List<Long> sorted = calls.stream().map(Call::latencyMs).sorted().toList();
        return String.format("p50 %d ms, p99 %d ms, max %d ms", percentile(sorted, 0.5), percentile(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.getLast());
    }

    private static List<Call> calls(List<Call> calls, long from, long to) {
        return calls.stream().filter(call -> call.sentAtMs() >= from && call.sentAtMs() < to).toList();
    }

    /** e.g. {@code 200 BID 120, 200 NO_BID/TIMEOUT 3, 502 4}. */
    private static String breakdown(List<Call> calls) {
        Map<String, Long> counts = calls.stream().collect(Collectors.groupingBy(call -> call.status()
                + (call.decision() == null ? "" : " " + call.decision()) + (call.reason() == null ? "" : "/" + call.reason()),
                TreeMap::new, Collectors.counting()));
        return calls.size() + " sent: " + counts;
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /**
     * When the platform answers normally again: the send time of the first of 20 evaluations in a row answered 200
     * without a degraded reason (TIMEOUT, ENGINE_UNAVAILABLE). Null when that did not happen in time.
     */
    private static Long awaitRecovery(long healed) {
        long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Call> since = load.calls(healed, Long.MAX_VALUE).stream().filter(Call::evaluate)
                    .sorted(java.util.Comparator.comparingLong(Call::sentAtMs)).toList();
            int run = 0;
            for (int i = 0; i < since.size(); i++) {
                Call call = since.get(i);
                run = call.status() == 200 && (call.reason() == null || !DEGRADED.contains(call.reason())) ? run + 1 : 0;
                if (run == 20) {
                    return since.get(i - 19).sentAtMs();
                }
            }
            sleep(Duration.ofMillis(500));
        }
        return null;
    }

    // ---------------------------------------------------------------- setup helpers

    private static void awaitEngineBids(String bidderKey) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        AuctionsApi bidder = ClientCalls.auctions(platform.gatewayUrl(), bidderKey, () -> null);
        int n = 0;
        while (true) {
            EvaluateRequest probe = new EvaluateRequest().exchange(SteadyLoad.EXCHANGE)
                    .auctionId("probe-" + platform.id + "-" + (++n)).item(new AuctionItem().category("watches"))
                    .floorPrice(new BigDecimal("1.00")).currency("EUR").tmaxMs(10000);
            String last;
            try {
                DecisionView answer = bidder.evaluateAuction(probe);
                if ("BID".equals(ClientCalls.text(answer.getDecision()))) {
                    return;
                }
                last = ClientCalls.json(answer);
            } catch (ApiException refused) {
                last = refused.getCode() + " " + refused.getResponseBody();
            }
            assertThat(System.nanoTime()).as("the engine bids within 120 s (last: %s)", last).isLessThan(deadline);
            sleep(Duration.ofMillis(500));
        }
    }


    private static Set<String> answeredDecisionIds() {
        return load.all().stream().filter(call -> call.evaluate() && call.decisionId() != null)
                .map(Call::decisionId).collect(Collectors.toSet());
    }




    private static void sleep(Duration duration) {
        ChildProcess.sleep(duration.toMillis());
    }
}
