package io.oktioneer.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./oktioneer demo}: bidder and exchange traffic through the gateway of a platform started by
 * {@code ./oktioneer up}, with the demo keys it wrote, so the dashboards, analytics and Zipkin have something to
 * show. Open model like the benchmark (each virtual user is one evaluation, and the result its exchange posts
 * for it); what is sent is {@link DemoTraffic}'s.
 *
 * <p>System properties: demo.baseUrl, demo.rate (evaluations/s), demo.duration (s), demo.bidderKey,
 * demo.exchangeKey, demo.exchange (the exchange key's), demo.out (the summary file).
 */
public class DemoSimulation extends Simulation {

    private static final int RATE = Integer.getInteger("demo.rate", 20);
    private static final int DURATION = Integer.getInteger("demo.duration", 60);
    private static final String BIDDER = "Bearer " + System.getProperty("demo.bidderKey", "");
    private static final String EXCHANGE = "Bearer " + System.getProperty("demo.exchangeKey", "");

    private final DemoTraffic traffic = new DemoTraffic(System.getProperty("demo.exchange", "ex-paris"),
            Long.toString(System.currentTimeMillis(), 36));
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    private final HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("demo.baseUrl", "http://127.0.0.1:8080"))
            .contentTypeHeader("application/json").acceptHeader("application/json").shareConnections();

    private final ChainBuilder evaluation = exec(session -> {
                DemoTraffic.Evaluation next = traffic.next(new SplittableRandom(ThreadLocalRandom.current().nextLong()));
                String kind = next.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
                count("sent " + kind);
                Session withBody = session.set("kind", kind).set("body", next.body());
                return next.auction() == null ? withBody : withBody.set("auction", next.auction());
            })
            .exec(http("#{kind}").post("/api/v1/auctions/evaluate").header("Authorization", BIDDER)
                    .body(StringBody("#{body}"))
                    .check(status().saveAs("status"), status().is(200), jsonPath("$.decision").saveAs("decision"),
                            jsonPath("$.reason").optional().saveAs("reason"),
                            jsonPath("$.bid.amount").optional().saveAs("bidAmount")))
            .exec(this::afterDecision)
            .doIf(session -> session.contains("result")).then(
                    pause(session -> Duration.ofMillis(session.getInt("pauseMillis")))
                            .exec(http("result").post("/api/v1/auctions/result").header("Authorization", EXCHANGE)
                                    .body(StringBody("#{result}")).check(status().saveAs("status"), status().is(200)))
                            .exec(session -> count(session, "result"))
                            .doIf(session -> session.getBoolean("repeated")).then(
                                    exec(http("result replay").post("/api/v1/auctions/result")
                                            .header("Authorization", EXCHANGE).body(StringBody("#{result}"))
                                            .check(status().is(200)))));

    {
        setUp(scenario("demo").exec(evaluation).injectOpen(
                rampUsersPerSec(1).to(RATE).during(Math.min(5, DURATION)),
                constantUsersPerSec(RATE).during(Math.max(1, DURATION - 5))))
                .protocols(protocol);
    }

    private Session afterDecision(Session session) {
        String decision = session.getString("decision");
        if (decision == null) {
            return count(session, "evaluate");
        }
        count("BID".equals(decision) ? "decision BID" : "decision NO_BID " + session.getString("reason"));
        if (!"BID".equals(decision) || !session.contains("auction")) {
            return session;
        }
        DemoTraffic.Auction auction = session.get("auction");
        DemoTraffic.Result result = traffic.resultFor(auction, new BigDecimal(session.getString("bidAmount")),
                new SplittableRandom(ThreadLocalRandom.current().nextLong()));
        if (result == null) {
            return session;
        }
        count("results posted");
        if (result.repeated()) {
            count("results posted twice");
        }
        return session.set("result", result.body()).set("pauseMillis", result.pauseMillis())
                .set("repeated", result.repeated());
    }

    private void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    /** Counts a call's answer when it is not 200 (overload, deadline, conflict: Gatling's report has the rest). */
    private Session count(Session session, String call) {
        if (session.contains("status") && session.getInt("status") != 200) {
            count(call + " answered " + session.getInt("status"));
        }
        return session;
    }

    @Override
    public void after() {
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(counts).forEach((k, v) -> lines.append("  ").append(k).append(": ").append(v.get()).append('\n'));
        String out = System.getProperty("demo.out");
        try {
            if (out != null) {
                Files.writeString(Path.of(out), lines);
            } else {
                System.out.print(lines);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
