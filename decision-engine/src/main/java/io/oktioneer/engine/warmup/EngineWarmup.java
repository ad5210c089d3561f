package io.oktioneer.engine.warmup;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.engine.decision.IndexReadiness;
import io.oktioneer.support.warmup.WarmupCall;
import io.oktioneer.support.warmup.WarmupConfiguration;
import io.oktioneer.support.warmup.WarmupPort;
import io.oktioneer.support.warmup.WarmupRun;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness waits until the decision path is warm (health component {@code warmup}, in the readiness group).
 * Once the index is loaded, the engine sends itself {@code oktioneer.warmup.requests} synthetic decisions over
 * loopback, through the real endpoint (Tomcat, the internal-token filter, tracing, JSON both ways, the index's
 * read path), so the JIT has compiled them before a caller's deadline depends on them: a restarted engine that
 * reported ready at once answered its first callers up to 158 ms late (issue #14). Read-only: a decision
 * reserves nothing; the warm-up's decisions are counted in the engine's decision metrics like any other.
 * Meanwhile the engine's port stays closed ({@link WarmupPort}): a caller gets a connection refused at once. The
 * loop itself is service-support's {@link WarmupRun}.
 */
@Component
@Import(WarmupConfiguration.class)
class EngineWarmup {

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "JPY");
    private static final List<String> CATEGORIES = List.of("watches", "sneakers", "bags", "phones", "cameras");
    private static final List<String> BRANDS = List.of("omega", "nike", "rolex", "apple", "canon", "sony");
    private static final List<String> TYPES = List.of("ENGLISH", "FIRST_PRICE", "SECOND_PRICE");

    private final WarmupRun warmup;
    private final IndexReadiness index;
    private final JsonMapper json;
    private final String internalToken;
    private final WarmupPort warmupPort;

    EngineWarmup(WarmupRun warmup, IndexReadiness index, JsonMapper json,
           @Value("${oktioneer.security.internal-token}") String internalToken, WarmupPort warmupPort) {
        this.warmup = warmup;
        this.index = index;
        this.json = json;
        this.internalToken = internalToken;
        this.warmupPort = warmupPort;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        OptionalInt serving = warmup.servingPort(event);
        if (serving.isEmpty()) {
            return;
        }
        URI uri = URI.create("http://127.0.0.1:" + warmupPort.port(serving.getAsInt()) + "/internal/v1/decisions");
        WarmupCall decisions = new WarmupCall("decisions", i -> HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header(InternalHeaders.INTERNAL_TOKEN, internalToken)
                // its log lines say they are the warm-up's, as a routed call's carry the gateway's id
                .header(InternalHeaders.REQUEST_ID, "warmup-" + i)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request(i)))).build(), 200);
        warmup.start("the index", index::indexLoaded, List.of(decisions), warmupPort::open);
    }

    /** A spread of items (with and without category and brand), currencies, floors and auction types. */
    static EngineRequest request(int i) {
        String category = i % 7 == 0 ? null : CATEGORIES.get(i % CATEGORIES.size());
        String brand = i % 5 == 0 ? null : BRANDS.get(i % BRANDS.size());
        return new EngineRequest("warmup", "warmup-" + i, category, brand, BigDecimal.valueOf(i % 300, 0),
                CURRENCIES.get(i % CURRENCIES.size()), TYPES.get(i % TYPES.size()), new BigDecimal("0.01"),
                1 + i % 10);
    }
}
