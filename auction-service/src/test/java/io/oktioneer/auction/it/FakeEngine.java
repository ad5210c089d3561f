package io.oktioneer.auction.it;

import com.sun.net.httpserver.HttpServer;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.engine.EngineCandidate;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.contracts.engine.EngineResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in decision-engine speaking the internal API (contracts.engine records) with answers the test
 * chooses: a real HTTP server on a loopback port, which a test can slow down, stop and start again.
 */
public final class FakeEngine {

    static {
        // The JDK server writes headers and body separately: without TCP_NODELAY, Nagle + delayed ACK add 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final String token;
    private volatile int port;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Function<EngineRequest, EngineResponse> responder = r -> noBid("NO_MATCH");
    private volatile long delayMillis;
    private HttpServer server;

    private FakeEngine(String token) {
        this.token = token;
    }

    public static FakeEngine start(String token) {
        FakeEngine engine = new FakeEngine(token);
        engine.listen(0);
        return engine;
    }

    private void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 1000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/internal/v1/decisions", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            if (!token.equals(exchange.getRequestHeaders().getFirst(InternalHeaders.INTERNAL_TOKEN))) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            EngineRequest request = JSON.readValue(exchange.getRequestBody(), EngineRequest.class);
            long delay = delayMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = JSON.writeValueAsBytes(responder.apply(request));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int calls() {
        return calls.get();
    }

    public void answer(Function<EngineRequest, EngineResponse> responder) {
        this.responder = responder;
        this.delayMillis = 0;
    }

    public void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Connection refused from now on. */
    public synchronized void stop() {
        server.stop(0);
    }

    public synchronized void restart() {
        listen(port);
    }

    public static EngineResponse noBid(String reason) {
        return new EngineResponse(reason, 0, List.of());
    }

    public static EngineResponse candidates(int eligible, EngineCandidate... ranked) {
        return new EngineResponse("CANDIDATES", eligible, List.of(ranked));
    }

    public static EngineCandidate candidate(java.util.UUID preferenceId, String userId, String bid, String totalBudget) {
        return new EngineCandidate(preferenceId, userId, new BigDecimal(bid), new BigDecimal(bid), new BigDecimal(bid),
                totalBudget == null ? null : new BigDecimal(totalBudget), Instant.parse("2026-01-01T00:00:00Z"));
    }
}
