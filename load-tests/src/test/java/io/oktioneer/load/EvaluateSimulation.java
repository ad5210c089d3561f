package io.oktioneer.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SLA benchmark's traffic (open model, {@code constantUsersPerSec}: each virtual user is one evaluation,
 * so a slow answer never slows the arrival rate). The mix: fresh auctions over several exchanges and all
 * auction types, replays of recent rounds, ENGLISH new rounds after being outbid, and a result posted by the
 * exchange for a share of the bids. Through the gateway with BIDDER and EXCHANGE keys ({@code bench.mode=gateway})
 * or straight to the auction-service with the internal token ({@code bench.mode=direct}).
 *
 * <p>System properties: bench.baseUrl, bench.mode, bench.rate (evaluations/s), bench.duration (s),
 * bench.bidderKey, bench.exchangeKeys ("ex-paris=key,…"), bench.internalToken, bench.out (mix summary file),
 * bench.pidDir (the launcher's pid files) and bench.cpuOut (CPU per process over the steady window, {@link SteadyCpu}).
 */
public class EvaluateSimulation extends Simulation {

    private static final String MODE = System.getProperty("bench.mode", "gateway");
    private static final int RATE = Integer.getInteger("bench.rate", 500);
    private static final int DURATION = Integer.getInteger("bench.duration", 30);
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private final TrafficMix mix = new TrafficMix(new Catalog(), RUN);
    private final Map<String, String> exchangeKeys = parseKeys(System.getProperty("bench.exchangeKeys", ""));
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final SteadyCpu steadyCpu = System.getProperty("bench.pidDir") == null ? null
            : new SteadyCpu(Path.of(System.getProperty("bench.pidDir")), sent::get);

    /**
     * One keep-alive pool shared by all virtual users, as a bidder system holds one; sized for the concurrency
     * (Gatling's default of 6 connections per host would queue the calls in the load tool itself and measure
     * that queue: ~120/s at 50 ms each).
     */
    private final HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("bench.baseUrl", "http://127.0.0.1:8080"))
            .contentTypeHeader("application/json").acceptHeader("application/json").shareConnections()
            .maxConnectionsPerHost(Integer.getInteger("bench.maxConnections", 2048));

    private final ChainBuilder evaluation = exec(session -> {
                sent.incrementAndGet();
                return mix.next(session);
            })
            .exec(identity(http("#{kind}").post("/api/v1/auctions/evaluate").body(StringBody("#{body}")), "BIDDER", null)
                    .check(status().is(200), jsonPath("$.decision").saveAs("decision"),
                            jsonPath("$.reason").optional().saveAs("reason"),
                            jsonPath("$.bid.amount").optional().saveAs("bidAmount")))
            .exec(session -> {
                count(session);
                return mix.afterDecision(session);
            })
            .doIf(session -> session.contains("resultBody")).then(
                    exec(identity(http("result").post("/api/v1/auctions/result").body(StringBody("#{resultBody}")),
                            "EXCHANGE", "#{exchange}").check(status().is(200))));

    {
        setUp(scenario("evaluations").exec(evaluation).injectOpen(
                rampUsersPerSec(Math.max(1, RATE / 10)).to(RATE).during(3),
                constantUsersPerSec(RATE).during(DURATION)))
                .protocols(protocol);
    }

    private HttpRequestActionBuilder identity(HttpRequestActionBuilder request, String role, String exchange) {
        if (MODE.equals("direct")) {
            HttpRequestActionBuilder direct = request
                    .header("X-Oktioneer-Internal-Token", System.getProperty("bench.internalToken", ""))
                    .header("X-Oktioneer-Role", role);
            return exchange == null ? direct : direct.header("X-Oktioneer-Exchange", exchange);
        }
        if (exchange == null) {
            return request.header("Authorization", "Bearer " + System.getProperty("bench.bidderKey", ""));
        }
        return request.header("Authorization", session -> "Bearer " + exchangeKeys.get(session.getString("exchange")));
    }

    private void count(Session session) {
        String decision = session.getString("decision");
        String key = "BID".equals(decision) ? "BID" : "NO_BID " + session.getString("reason");
        outcomes.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** CPU is read over the steady part: from 5 s after the 3 s ramp to 1 s before the end. */
    @Override
    public void before() {
        if (steadyCpu == null || DURATION < 10) {
            return;
        }
        Thread.ofPlatform().daemon(true).name("steady-cpu").start(() -> {
            try {
                Thread.sleep(8_000);
                steadyCpu.begin();
                Thread.sleep((DURATION - 6) * 1000L);
                steadyCpu.end(Path.of(System.getProperty("bench.cpuOut")));
            } catch (InterruptedException | IOException e) {
                System.err.println("steady CPU not sampled: " + e);
            }
        });
    }

    @Override
    public void after() {
        String out = System.getProperty("bench.out");
        if (out == null) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        new java.util.TreeMap<>(outcomes).forEach((k, v) -> lines.append(k).append('=').append(v.get()).append('\n'));
        lines.append("results=").append(mix.resultsPosted()).append('\n');
        try {
            Files.writeString(Path.of(out), lines);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> parseKeys(String spec) {
        Map<String, String> keys = new HashMap<>();
        for (String pair : spec.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                keys.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return keys;
    }

    static String closesAt() {
        return Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    static BigDecimal amount(String text) {
        return new BigDecimal(text).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
