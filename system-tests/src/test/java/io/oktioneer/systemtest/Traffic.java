package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Drives every kind of traffic through the gateway, as clients would: keys, users, preferences, evaluations with
 * every decision the test can cause, results of each outcome, analytics and spending reads, refused calls (401,
 * 403, 429). One evaluation carries a W3C traceparent of the test's own: {@link #tracedTraceId}.
 */
final class Traffic {

    static final String EXCHANGE = "ex-st";

    private final Platform platform;
    private final String gateway;
    private String bidderKey;
    private String exchangeKey;
    private String userKey;
    private String throttledKey;
    private int auctionSeq;
    /** The trace id of the traced evaluation, and its auction id. */
    String tracedTraceId;
    /** The {@code X-Request-Id} the traced evaluation was sent with. */
    String tracedRequestId;
    String tracedAuctionId;
    final List<String> bidAuctions = new ArrayList<>();

    Traffic(Platform platform) {
        this.platform = platform;
        this.gateway = platform.gatewayUrl();
    }

    static Traffic drive(Platform platform) {
        Traffic traffic = new Traffic(platform);
        traffic.run();
        return traffic;
    }

    private void run() {
        bidderKey = newKey(Map.of("role", "BIDDER"));
        exchangeKey = newKey(Map.of("role", "EXCHANGE", "exchange", EXCHANGE));
        userKey = newKey(Map.of("role", "USER", "userId", "st-alice"));
        throttledKey = newKey(Map.of("role", "BIDDER", "rateLimit", Map.of("perSecond", 1, "burst", 1)));

        for (String user : List.of("st-alice", "st-bob", "st-carol")) {
            expect(call("PUT", "/api/v1/users/" + user, platform.adminKey, Map.of("displayName", user)), 201, 200);
        }
        preference("st-alice", Map.of("name", "Omega watches", "categories", List.of("watches"),
                "brands", List.of("omega"), "maxBid", 250.00, "totalBudget", 100000.00, "currency", "EUR"));
        preference("st-bob", Map.of("name", "Any watch", "categories", List.of("watches"), "maxBid", 180.00,
                "currency", "EUR"));
        preference("st-carol", Map.of("name", "Cheap sneakers", "categories", List.of("sneakers"), "maxBid", 50.00,
                "totalBudget", 60.00, "currency", "USD"));
        // Reads through the preference cache: a miss, then hits.
        for (int i = 0; i < 3; i++) {
            expect(call("GET", "/api/v1/users/st-alice/preferences", userKey, null), 200);
        }

        awaitEngineSees("watches", "omega", "EUR");
        awaitEngineSees("sneakers", null, "USD");

        for (String type : List.of("ENGLISH", "ENGLISH", "FIRST_PRICE", "SECOND_PRICE", "ENGLISH", "ENGLISH")) {
            evaluate(item("watches", "Omega"), 120.00, "EUR", type, null, "BID");
        }
        evaluate(item("sofas", "Ikea"), 10.00, "EUR", "ENGLISH", null, "NO_BID");             // NO_MATCH
        evaluate(item("watches", "Omega"), 900.00, "EUR", "ENGLISH", null, "NO_BID");         // BELOW_FLOOR
        evaluate(item("sneakers", "Nike"), 40.00, "USD", "ENGLISH", null, "BID");
        evaluate(item("sneakers", "Nike"), 40.00, "USD", "ENGLISH", null, "NO_BID");          // BUDGET_EXHAUSTED
        evaluate(item("watches", "Omega"), 120.00, "EUR", "ENGLISH",
                Instant.now().minus(1, ChronoUnit.HOURS), "NO_BID");                           // AUCTION_CLOSED
        tracedEvaluate();

        // Results for the bids: WON (spend), LOST and CANCELLED (releases).
        List<String> outcomes = List.of("WON", "WON", "LOST", "CANCELLED", "WON");
        for (int i = 0; i < outcomes.size() && i < bidAuctions.size(); i++) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("exchange", EXCHANGE);
            result.put("auctionId", bidAuctions.get(i));
            result.put("outcome", outcomes.get(i));
            if (outcomes.get(i).equals("WON")) {
                result.put("clearingPrice", 120.00);
            }
            expect(call("POST", "/api/v1/auctions/result", exchangeKey, result), 200);
        }

        expect(call("GET", "/api/v1/users/st-alice/spending", userKey, null), 200);
        expect(call("GET", "/api/v1/auctions/" + EXCHANGE + "/" + bidAuctions.getFirst(), bidderKey, null), 200);
        expect(call("GET", "/api/v1/analytics/summary?groupBy=category", platform.adminKey, null), 200);
        // Refusals the gateway counts.
        expect(call("GET", "/api/v1/auctions/" + EXCHANGE + "/x", null, null), 401);
        expect(call("GET", "/api/v1/users/st-bob/preferences", userKey, null), 403);
        int throttled = 0;
        for (int i = 0; i < 5; i++) {
            throttled += call("GET", "/api/v1/auctions/" + EXCHANGE + "/" + bidAuctions.getFirst(), throttledKey, null)
                    .status() == 429 ? 1 : 0;
        }
        assertThat(throttled).as("429s for a key limited to 1/s").isPositive();
    }

    private String newKey(Map<String, Object> body) {
        Http.Answer answer = expect(call("POST", "/api/v1/admin/api-keys", platform.adminKey, body), 201);
        return answer.json().path("key").asString();
    }

    private void preference(String user, Map<String, Object> body) {
        expect(call("POST", "/api/v1/users/" + user + "/preferences", platform.adminKey, body), 201);
    }

    private static Map<String, Object> item(String category, String brand) {
        return Map.of("category", category, "brand", brand, "title", category + " by " + brand);
    }

    /** Evaluates until the engine bids on such an item: the preferences reached it through Kafka. */
    private void awaitEngineSees(String category, String brand, String currency) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("category", category);
        if (brand != null) {
            item.put("brand", brand);
        }
        while (true) {
            JsonNode answer = evaluate(item, 1.00, currency, "SECOND_PRICE", null, null);
            if (answer.path("decision").asString("").equals("BID")) {
                // a probe that bid holds a reservation; a result releases it
                cancel(answer.path("auctionId").asString());
                return;
            }
            assertThat(Instant.now()).as("the engine sees the %s preferences within 60 s (last answer %s)",
                    category, answer).isBefore(deadline);
            ChildProcess.sleep(300);
        }
    }

    private void cancel(String auctionId) {
        expect(call("POST", "/api/v1/auctions/result", exchangeKey,
                Map.of("exchange", EXCHANGE, "auctionId", auctionId, "outcome", "CANCELLED")), 200);
    }

    private JsonNode evaluate(Map<String, Object> item, double floor, String currency, String type, Instant closesAt,
                              String expectedDecision) {
        return evaluate(item, floor, currency, type, closesAt, expectedDecision, Map.of());
    }

    private JsonNode evaluate(Map<String, Object> item, double floor, String currency, String type, Instant closesAt,
                              String expectedDecision, Map<String, String> headers) {
        String auctionId = "A-" + platform.id + "-" + (++auctionSeq);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exchange", EXCHANGE);
        body.put("auctionId", auctionId);
        body.put("item", item);
        body.put("floorPrice", floor);
        body.put("currency", currency);
        body.put("auctionType", type);
        body.put("tmaxMs", 10000); // roomy: a loaded test machine must not turn a BID into NO_BID TIMEOUT
        if (closesAt != null) {
            body.put("closesAt", closesAt.truncatedTo(ChronoUnit.MILLIS).toString());
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Authorization", "Bearer " + bidderKey);
        Http.Answer answer = expect(Http.send("POST", gateway + "/api/v1/auctions/evaluate", all, body), 200);
        String decision = answer.json().path("decision").asString("");
        if (expectedDecision != null) {
            assertThat(decision).as("decision for %s: %s", body, answer).isEqualTo(expectedDecision);
        }
        if (expectedDecision != null && decision.equals("BID") && currency.equals("EUR")) {
            bidAuctions.add(auctionId);
        }
        return answer.json();
    }

    private void tracedEvaluate() {
        SecureRandom random = new SecureRandom();
        tracedTraceId = HexFormat.of().formatHex(random.generateSeed(16));
        String parentSpan = HexFormat.of().formatHex(random.generateSeed(8));
        tracedRequestId = "st-" + HexFormat.of().formatHex(random.generateSeed(8));
        JsonNode answer = evaluate(item("watches", "Omega"), 120.00, "EUR", "ENGLISH", null, "BID",
                Map.of("traceparent", "00-" + tracedTraceId + "-" + parentSpan + "-01", "X-Request-Id", tracedRequestId));
        tracedAuctionId = answer.path("auctionId").asString();
    }

    private Http.Answer call(String method, String path, String key, Object body) {
        Map<String, String> headers = key == null ? Map.of() : Map.of("Authorization", "Bearer " + key);
        return Http.send(method, gateway + path, headers, body);
    }

    private static Http.Answer expect(Http.Answer answer, int... statuses) {
        for (int status : statuses) {
            if (answer.status() == status) {
                return answer;
            }
        }
        throw new AssertionError("expected " + java.util.Arrays.toString(statuses) + " from "
                + answer.raw().request().method() + " " + answer.raw().request().uri() + " but got " + answer);
    }
}
