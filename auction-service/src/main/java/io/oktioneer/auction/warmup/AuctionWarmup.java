package io.oktioneer.auction.warmup;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.support.warmup.WarmupBodies;
import io.oktioneer.support.warmup.WarmupCall;
import io.oktioneer.support.warmup.WarmupConfiguration;
import io.oktioneer.support.warmup.WarmupPort;
import io.oktioneer.support.warmup.WarmupRun;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness waits until the request paths are warm (health component {@code warmup}, service-support's
 * {@link WarmupRun}, in the readiness group).
 * A restarted auction-service that reported ready at once answered the next ~20 s TIMEOUT and
 * ENGINE_UNAVAILABLE, up to 1.36 s late, while the JIT compiled its hot paths under traffic (issue #14).
 *
 * <p>After start, the service makes {@code oktioneer.warmup.requests} calls, all read-only (no fake data in the
 * database or on the topics): evaluations that the parser refuses at its last check (the whole request
 * parsing, the web stack, problem JSON), reads of an auction and of a user's spending that do not exist (404) (the
 * database read path), and synthetic decisions asked of the decision-engine's instances in turn (its JSON both
 * ways; a decision reserves nothing). The calls go through the real
 * endpoints over loopback, so whatever those endpoints become, the warm-up exercises them. Meanwhile the
 * service's port stays closed ({@link WarmupPort}). The loop itself is service-support's {@link WarmupRun}.
 */
@Component
@Import(WarmupConfiguration.class)
class AuctionWarmup {

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");
    private static final List<String> CATEGORIES = List.of("watches", "sneakers", "bags", "phones");
    private static final List<String> TYPES = List.of("ENGLISH", "FIRST_PRICE", "SECOND_PRICE");

    private final WarmupRun warmup;
    private final JsonMapper json;
    private final String internalToken;
    private final List<URI> engineUrls;
    private final AtomicInteger engineTurn = new AtomicInteger();
    private final WarmupPort warmupPort;

    AuctionWarmup(WarmupRun warmup, JsonMapper json, @Value("${oktioneer.security.internal-token}") String internalToken,
           @Value("${oktioneer.engine.urls}") List<URI> engineUrls, WarmupPort warmupPort) {
        this.warmup = warmup;
        this.json = json;
        this.internalToken = internalToken;
        this.engineUrls = List.copyOf(engineUrls);
        this.warmupPort = warmupPort;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        OptionalInt serving = warmup.servingPort(event);
        if (serving.isPresent()) {
            String self = "http://127.0.0.1:" + warmupPort.port(serving.getAsInt());
            warmup.start("nothing", () -> true, calls(self), warmupPort::open);
        }
    }

    private List<WarmupCall> calls(String self) {
        List<WarmupCall> calls = new ArrayList<>();
        calls.add(new WarmupCall("evaluateRefused", i -> internal(self + "/api/v1/auctions/evaluate", "BIDDER")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(WarmupBodies.refusedEvaluation(i)))).build(), 400));
        calls.add(new WarmupCall("auctionRead", i -> internal(self + "/api/v1/auctions/warmup/warmup-" + i, "BIDDER")
                .GET().build(), 404));
        calls.add(new WarmupCall("engineDecision", i -> internal(engineUrl(),
                null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(engineRequest(i)))).build(), 200));
        calls.add(new WarmupCall("spendingRead", i -> internal(self + "/api/v1/users/warmup-" + (i % 50) + "/spending",
                "ADMIN").GET().build(), 404));
        return calls;
    }

    /** Each instance in turn (the call index is shared by all kinds: it would skip some). */
    private String engineUrl() {
        return engineUrls.get(engineTurn.getAndIncrement() % engineUrls.size()).resolve("/internal/v1/decisions").toString();
    }

    private HttpRequest.Builder internal(String url, String role) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header(InternalHeaders.INTERNAL_TOKEN, internalToken)
                // its log lines say they are the warm-up's, as a routed call's carry the gateway's id
                .header(InternalHeaders.REQUEST_ID, "warmup");
        return role == null ? builder : builder.header(InternalHeaders.ROLE, role);
    }

    static EngineRequest engineRequest(int i) {
        return new EngineRequest("warmup", "warmup-" + i, CATEGORIES.get(i % CATEGORIES.size()),
                i % 3 == 0 ? null : "brand " + (i % 13), BigDecimal.valueOf(i % 300), CURRENCIES.get(i % CURRENCIES.size()),
                TYPES.get(i % TYPES.size()), new BigDecimal("0.01"), 5);
    }
}
