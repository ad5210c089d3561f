package io.oktioneer.engine.warmup;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.engine.decision.IndexReadiness;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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
 * Meanwhile the engine's port stays closed ({@link WarmupPort}): a caller gets a connection refused at once.
 */
@Component("warmup")
class Warmup implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP", "JPY");
    private static final List<String> CATEGORIES = List.of("watches", "sneakers", "bags", "phones", "cameras");
    private static final List<String> BRANDS = List.of("omega", "nike", "rolex", "apple", "canon", "sony");
    private static final List<String> TYPES = List.of("ENGLISH", "FIRST_PRICE", "SECOND_PRICE");

    private final WarmupProperties properties;
    private final IndexReadiness index;
    private final JsonMapper json;
    private final String internalToken;
    private final WarmupPort warmupPort;
    private volatile Health health = Health.outOfService().withDetail("warmup", "not started").build();

    Warmup(WarmupProperties properties, IndexReadiness index, JsonMapper json,
           @Value("${oktioneer.security.internal-token}") String internalToken, WarmupPort warmupPort) {
        this.properties = properties;
        this.index = index;
        this.json = json;
        this.internalToken = internalToken;
        this.warmupPort = warmupPort;
        if (!properties.enabled()) {
            health = Health.up().withDetail("warmup", "disabled").build();
        }
    }

    @Override
    public Health health() {
        return health;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        if (!properties.enabled()
                || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            health = Health.up().withDetail("warmup", "disabled").build();
            return;
        }
        int port = warmupPort.port(web.getWebServer().getPort());
        Thread.ofPlatform().name("warmup").daemon().start(() -> {
            try {
                run(port);
            } finally {
                warmupPort.open();
            }
        });
    }

    private void run(int port) {
        long start = System.nanoTime();
        long deadline = start + properties.maxDuration().toNanos();
        health = Health.outOfService().withDetail("warmup", "waiting for the index").build();
        while (!index.indexLoaded() && System.nanoTime() < deadline) {
            sleep(200);
        }
        health = Health.outOfService().withDetail("warmup", "running").build();
        URI uri = URI.create("http://127.0.0.1:" + port + "/internal/v1/decisions");
        int answered = 0;
        int failed = 0;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            for (int i = 0; i < properties.requests() && System.nanoTime() < deadline; i++) {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .header(InternalHeaders.INTERNAL_TOKEN, internalToken)
                        // its log lines say they are the warm-up's, as a routed call's carry the gateway's id
                        .header(InternalHeaders.REQUEST_ID, "warmup-" + i)
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request(i)))).build();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        answered++;
                    } else {
                        failed++;
                    }
                } catch (java.io.IOException e) {
                    failed++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        log.info("warm-up done: {} synthetic decisions answered, {} failed, in {} ms", answered, failed, took);
        health = Health.up().withDetail("warmup", "done").withDetail("decisions", answered)
                .withDetail("failed", failed).withDetail("millis", took).build();
    }

    /** A spread of items (with and without category and brand), currencies, floors and auction types. */
    static EngineRequest request(int i) {
        String category = i % 7 == 0 ? null : CATEGORIES.get(i % CATEGORIES.size());
        String brand = i % 5 == 0 ? null : BRANDS.get(i % BRANDS.size());
        return new EngineRequest("warmup", "warmup-" + i, category, brand, BigDecimal.valueOf(i % 300, 0),
                CURRENCIES.get(i % CURRENCIES.size()), TYPES.get(i % TYPES.size()), new BigDecimal("0.01"),
                1 + i % 10);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
