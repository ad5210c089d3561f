package io.oktioneer.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.client.ApiResponse;
import io.oktioneer.client.GatewayClient;
import io.oktioneer.client.api.AuctionsApi;
import io.oktioneer.client.model.AuctionItem;
import io.oktioneer.client.model.DecisionView;
import io.oktioneer.client.model.EvaluateRequest;
import io.oktioneer.client.model.ResultRequest;
import io.oktioneer.client.model.ResultRequest.OutcomeEnum;
import io.oktioneer.client.model.ResultView;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Drives every kind of traffic through the gateway, as clients would: keys, users, preferences, evaluations with
 * every decision the test can cause, results of each outcome, analytics and spending reads, refused calls (401,
 * 403, 429). Evaluate, result and GET auction are sent with the client generated from the published document
 * (module client). One evaluation carries a W3C traceparent of the test's own: {@link #tracedTraceId}.
 */
final class Traffic {

    static final String EXCHANGE = "ex-st";

    private final Platform platform;
    private final String gateway;
    private String bidderKey;
    private String exchangeKey;
    private String userKey;
    private String throttledKey;
    /** Evaluate, result and GET auction go through the generated client: as a bidder and as the exchange. */
    private AuctionsApi bidder;
    private AuctionsApi exchange;
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
        AtomicLong requestIds = new AtomicLong();
        Supplier<String> requestId = () -> "st-" + platform.id + "-" + requestIds.incrementAndGet();
        bidder = ClientCalls.auctions(gateway, bidderKey, requestId);
        exchange = ClientCalls.auctions(gateway, exchangeKey, requestId);

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
        List<OutcomeEnum> outcomes = List.of(OutcomeEnum.WON, OutcomeEnum.WON, OutcomeEnum.LOST, OutcomeEnum.CANCELLED,
                OutcomeEnum.WON);
        ResultRequest first = null;
        for (int i = 0; i < outcomes.size() && i < bidAuctions.size(); i++) {
            ResultRequest result = new ResultRequest().exchange(EXCHANGE).auctionId(bidAuctions.get(i))
                    .outcome(outcomes.get(i));
            if (outcomes.get(i) == OutcomeEnum.WON) {
                result.clearingPrice(new BigDecimal("120.00"));
            }
            ApiResponse<ResultView> recorded = ClientCalls.expect("result " + ClientCalls.json(result), 200,
                    () -> exchange.recordAuctionResultWithHttpInfo(result));
            assertThat(GatewayClient.replayed(recorded)).as("first result for %s replayed", result.getAuctionId())
                    .isFalse();
            first = first == null ? result : first;
        }
        // The same result again: the stored one, marked as a replay.
        ResultRequest again = first;
        assertThat(GatewayClient.replayed(ClientCalls.expect("result again " + ClientCalls.json(again), 200,
                () -> exchange.recordAuctionResultWithHttpInfo(again)))).as("a repeated result is a replay").isTrue();

        expect(call("GET", "/api/v1/users/st-alice/spending", userKey, null), 200);
        ClientCalls.expect("GET auction", 200, () -> bidder.getAuctionWithHttpInfo(EXCHANGE, bidAuctions.getFirst()));
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

    private static AuctionItem item(String category, String brand) {
        return new AuctionItem().category(category).brand(brand).title(category + " by " + brand);
    }

    /** Evaluates until the engine bids on such an item: the preferences reached it through Kafka. */
    private void awaitEngineSees(String category, String brand, String currency) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        AuctionItem item = new AuctionItem().category(category).brand(brand);
        while (true) {
            DecisionView answer = evaluate(item, 1.00, currency, "SECOND_PRICE", null, null);
            if ("BID".equals(ClientCalls.text(answer.getDecision()))) {
                // a probe that bid holds a reservation; a result releases it
                cancel(answer.getAuctionId());
                return;
            }
            assertThat(Instant.now()).as("the engine sees the %s preferences within 60 s (last answer %s)",
                    category, ClientCalls.json(answer)).isBefore(deadline);
            ChildProcess.sleep(300);
        }
    }

    private void cancel(String auctionId) {
        ResultRequest result = new ResultRequest().exchange(EXCHANGE).auctionId(auctionId)
                .outcome(OutcomeEnum.CANCELLED);
        ClientCalls.expect("result " + ClientCalls.json(result), 200,
                () -> exchange.recordAuctionResultWithHttpInfo(result));
    }

    private DecisionView evaluate(AuctionItem item, double floor, String currency, String type, Instant closesAt,
                                  String expectedDecision) {
        return evaluate(bidder, item, floor, currency, type, closesAt, expectedDecision, Map.of());
    }

    private DecisionView evaluate(AuctionsApi client, AuctionItem item, double floor, String currency, String type,
                                  Instant closesAt, String expectedDecision, Map<String, String> headers) {
        String auctionId = "A-" + platform.id + "-" + (++auctionSeq);
        EvaluateRequest request = new EvaluateRequest().exchange(EXCHANGE).auctionId(auctionId).item(item)
                .floorPrice(BigDecimal.valueOf(floor)).currency(currency)
                .auctionType(EvaluateRequest.AuctionTypeEnum.fromValue(type))
                .tmaxMs(10000); // roomy: a loaded test machine must not turn a BID into NO_BID TIMEOUT
        if (closesAt != null) {
            request.closesAt(closesAt.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC));
        }
        DecisionView answer = ClientCalls.expect("evaluate " + auctionId, 200,
                () -> client.evaluateAuctionWithHttpInfo(request, headers)).getData();
        String decision = ClientCalls.text(answer.getDecision());
        if (expectedDecision != null) {
            assertThat(decision).as("decision for %s: %s", ClientCalls.json(request), ClientCalls.json(answer))
                    .isEqualTo(expectedDecision);
        }
        if (expectedDecision != null && "BID".equals(decision) && currency.equals("EUR")) {
            bidAuctions.add(auctionId);
        }
        return answer;
    }

    /** One evaluation with a traceparent of the test's own and a request id of its own, set on its client. */
    private void tracedEvaluate() {
        SecureRandom random = new SecureRandom();
        tracedTraceId = HexFormat.of().formatHex(random.generateSeed(16));
        String parentSpan = HexFormat.of().formatHex(random.generateSeed(8));
        tracedRequestId = "st-" + HexFormat.of().formatHex(random.generateSeed(8));
        String requestId = tracedRequestId;
        AuctionsApi traced = ClientCalls.auctions(gateway, bidderKey, () -> requestId);
        DecisionView answer = evaluate(traced, item("watches", "Omega"), 120.00, "EUR", "ENGLISH", null, "BID",
                Map.of("traceparent", "00-" + tracedTraceId + "-" + parentSpan + "-01"));
        tracedAuctionId = answer.getAuctionId();
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
