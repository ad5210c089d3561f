package io.oktioneer.systemtest;

import io.oktioneer.client.ApiException;
import io.oktioneer.client.ApiResponse;
import io.oktioneer.client.api.AuctionsApi;
import io.oktioneer.client.model.AuctionItem;
import io.oktioneer.client.model.DecisionView;
import io.oktioneer.client.model.EvaluateRequest;
import io.oktioneer.client.model.ResultRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A steady open-model load through the gateway, as bidders and an exchange would send it: {@code rate}
 * evaluations per second (each sent on time whether or not the earlier ones were answered), and a result for
 * every BID (WON at the bid for two in three, else LOST), sent with the generated client (module client). Every
 * call is recorded with its send time, status and latency measured by the client.
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

    private final int tmaxMs;
    /** One client per gateway, as bidder and as exchange; the calls go round robin over the gateways. */
    private final List<AuctionsApi> bidders = new ArrayList<>();
    private final List<AuctionsApi> exchanges = new ArrayList<>();
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
        this(List.of(gateway), bidderKey, exchangeKey, tmaxMs, runId);
    }

    SteadyLoad(List<String> gateways, String bidderKey, String exchangeKey, int tmaxMs, String runId) {
        this.tmaxMs = tmaxMs;
        this.runId = runId;
        AtomicLong requestIds = new AtomicLong();
        Supplier<String> requestId = () -> "fl-" + runId + "-" + requestIds.incrementAndGet();
        for (String gateway : gateways) {
            bidders.add(ClientCalls.auctions(gateway, bidderKey, requestId));
            exchanges.add(ClientCalls.auctions(gateway, exchangeKey, requestId));
        }
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
        EvaluateRequest request = new EvaluateRequest().exchange(EXCHANGE).auctionId(auctionId)
                .item(new AuctionItem().category(CATEGORIES.get((int) (n % CATEGORIES.size()))).brand("brand" + (n % 4))
                        .title("item " + n))
                .floorPrice(BigDecimal.valueOf(10 + n % 90)).currency("EUR")
                .auctionType(EvaluateRequest.AuctionTypeEnum.fromValue(TYPES.get((int) (n % TYPES.size()))))
                .tmaxMs(tmaxMs);
        AuctionsApi bidder = bidders.get((int) (n % bidders.size()));
        AuctionsApi exchange = exchanges.get((int) ((n + 1) % exchanges.size()));
        Answered<DecisionView> evaluated = send("evaluate", () -> bidder.evaluateAuctionWithHttpInfo(request));
        recorded.add(evaluated.call());
        DecisionView decision = evaluated.data();
        if (decision != null && "BID".equals(ClientCalls.text(decision.getDecision()))) {
            ResultRequest result = new ResultRequest().exchange(EXCHANGE).auctionId(auctionId);
            if (n % 3 == 0) {
                result.outcome(ResultRequest.OutcomeEnum.LOST);
            } else {
                result.outcome(ResultRequest.OutcomeEnum.WON).clearingPrice(decision.getBid().getAmount());
            }
            recorded.add(send("result", () -> exchange.recordAuctionResultWithHttpInfo(result)).call());
        }
    }

    /** A recorded call and, when it was answered 2xx, the answer's body. */
    private record Answered<T>(Call call, T data) {
    }

    private <T> Answered<T> send(String kind, ClientCalls.ClientCall<T> call) {
        long sentAt = now();
        long id = callIds.incrementAndGet();
        inFlight.put(id, sentAt);
        try {
            return sendRecorded(kind, call, sentAt);
        } finally {
            inFlight.remove(id);
        }
    }

    private <T> Answered<T> sendRecorded(String kind, ClientCalls.ClientCall<T> call, long sentAt) {
        long start = System.nanoTime();
        try {
            ApiResponse<T> response = call.send();
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            T data = response.getData();
            String decision = null;
            String reason = null;
            String decisionId = null;
            if (data instanceof DecisionView view) {
                decision = ClientCalls.text(view.getDecision());
                reason = ClientCalls.text(view.getReason());
                decisionId = ClientCalls.text(view.getDecisionId());
            }
            Call recorded = new Call(kind, sentAt, response.getStatusCode(), latency, decision, reason, decisionId,
                    ClientCalls.json(data));
            return new Answered<>(recorded, data);
        } catch (ApiException refused) {
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // code 0: no answer (time-out, connection refused or reset, interrupted)
            return refused.getCode() == 0
                    ? new Answered<>(new Call(kind, sentAt, -1, latency, null, null, null,
                            String.valueOf(refused.getCause())), null)
                    : new Answered<>(new Call(kind, sentAt, refused.getCode(), latency, null, null, null,
                            refused.getResponseBody()), null);
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
