package io.oktioneer.systemtest;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A steady open-model load through the gateway, as bidders and an exchange would send it: {@code rate}
 * evaluations per second (each sent on time whether or not the earlier ones were answered), and a result for
 * every BID (WON at the bid for two in three, else LOST). Every call is recorded with its send time, status
 * and latency measured by the client.
 */
final class SteadyLoad implements AutoCloseable {

    static final String EXCHANGE = "ex-faults";
    static final List<String> CATEGORIES = List.of("watches", "sneakers", "bags");
    private static final List<String> TYPES = List.of("ENGLISH", "FIRST_PRICE", "SECOND_PRICE");

    /** One call: when it was sent (ms since the load started), what came back, how long it took. */
    record Call(String kind, long sentAtMs, int status, long latencyMs, String decision, String reason,
                String decisionId, String body) {

        boolean evaluate() {
            return kind.equals("evaluate");
        }
    }

    private final String gateway;
    private final String bidderKey;
    private final String exchangeKey;
    private final int tmaxMs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentLinkedQueue<Call> recorded = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong callIds = new AtomicLong();
    /** Send time of every call not answered yet, by a number of its own. */
    private final java.util.concurrent.ConcurrentHashMap<Long, Long> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private final String runId;
    private volatile boolean paused;

    SteadyLoad(String gateway, String bidderKey, String exchangeKey, int tmaxMs, String runId) {
        this.gateway = gateway;
        this.bidderKey = bidderKey;
        this.exchangeKey = exchangeKey;
        this.tmaxMs = tmaxMs;
        this.runId = runId;
    }

    void start(int perSecond) {
        long period = TimeUnit.SECONDS.toMicros(1) / perSecond;
        clock.scheduleAtFixedRate(() -> {
            if (!paused) {
                calls.submit(this::evaluate);
            }
        }, 0, period, TimeUnit.MICROSECONDS);
    }

    /** Stops sending and returns once every call sent is answered. */
    void pause() {
        paused = true;
        awaitAnswered(Long.MAX_VALUE);
    }

    void resume() {
        paused = false;
    }

    int tmaxMs() {
        return tmaxMs;
    }

    /** Milliseconds since the load started: the clock of {@link Call#sentAtMs}. */
    long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** The calls sent in [from, to) (ms on {@link #now()}'s clock) that have been answered or failed. */
    List<Call> calls(long from, long to) {
        List<Call> window = new ArrayList<>();
        for (Call call : recorded) {
            if (call.sentAtMs() >= from && call.sentAtMs() < to) {
                window.add(call);
            }
        }
        return window;
    }

    /** Waits until every call sent before {@code to} is answered or has failed (the client's time-out is 10 s). */
    void awaitAnswered(long to) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (inFlight.values().stream().anyMatch(sent -> sent < to) && System.nanoTime() < deadline) {
            ChildProcess.sleep(100);
        }
    }

    List<Call> all() {
        return new ArrayList<>(recorded);
    }

    private void evaluate() {
        long n = sequence.incrementAndGet();
        String auctionId = "F-" + runId + "-" + n;
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("category", CATEGORIES.get((int) (n % CATEGORIES.size())));
        item.put("brand", "brand" + (n % 4));
        item.put("title", "item " + n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exchange", EXCHANGE);
        body.put("auctionId", auctionId);
        body.put("item", item);
        body.put("floorPrice", BigDecimal.valueOf(10 + n % 90));
        body.put("currency", "EUR");
        body.put("auctionType", TYPES.get((int) (n % TYPES.size())));
        body.put("tmaxMs", tmaxMs);
        Call call = send("evaluate", "/api/v1/auctions/evaluate", bidderKey, body);
        recorded.add(call);
        if (call.status() == 200 && "BID".equals(call.decision())) {
            JsonNode answer = ObservabilityFiles.JSON.readTree(call.body());
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("exchange", EXCHANGE);
            result.put("auctionId", auctionId);
            if (n % 3 == 0) {
                result.put("outcome", "LOST");
            } else {
                result.put("outcome", "WON");
                result.put("clearingPrice", answer.path("bid").path("amount").decimalValue());
            }
            recorded.add(send("result", "/api/v1/auctions/result", exchangeKey, result));
        }
    }

    private Call send(String kind, String path, String key, Map<String, Object> body) {
        long sentAt = now();
        long id = callIds.incrementAndGet();
        inFlight.put(id, sentAt);
        try {
            return sendRecorded(kind, path, key, body, sentAt);
        } finally {
            inFlight.remove(id);
        }
    }

    private Call sendRecorded(String kind, String path, String key, Map<String, Object> body, long sentAt) {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(ObservabilityFiles.JSON.writeValueAsString(body))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String decision = null;
            String reason = null;
            String decisionId = null;
            if (kind.equals("evaluate") && response.statusCode() == 200) {
                JsonNode json = ObservabilityFiles.JSON.readTree(response.body());
                decision = json.path("decision").asString(null);
                reason = json.path("reason").asString(null);
                decisionId = json.path("decisionId").asString(null);
            }
            return new Call(kind, sentAt, response.statusCode(), latency, decision, reason, decisionId,
                    response.body());
        } catch (IOException e) {
            return new Call(kind, sentAt, -1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), null, null,
                    null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(kind, sentAt, -1, 0, null, null, null, "interrupted");
        }
    }

    /** Stops sending and waits (up to 15 s) for the calls in flight. */
    @Override
    public void close() {
        clock.shutdownNow();
        calls.shutdown();
        try {
            calls.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
