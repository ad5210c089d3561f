package io.oktioneer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.Topics;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.PrivateServer;
import io.oktioneer.testsupport.Server;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Readiness follows the load, not the process: with its Kafka down at start the engine runs, reports not ready
 * and refuses to decide on an empty index (503); once Kafka is back it loads everything and only then reports
 * ready. Uses a Kafka of its own (the shared one is never stopped).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oktioneer.security.internal-token=" + EngineHttp.TOKEN,
        "oktioneer.engine.feed.retry-backoff=200ms"})
@DirtiesContext
class FeedReadinessIT {

    private static final int PUBLISHED = 200;
    private static PrivateServer kafka;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        if (kafka == null) {
            kafka = PrivateServer.start(Server.KAFKA);
            String id = Isolation.uniqueId("readiness");
            String preferences = Isolation.topic(Topics.PREFERENCES, id);
            String auctions = Isolation.topic(Topics.AUCTIONS, id);
            registry.add("oktioneer.kafka.topics.preferences", () -> preferences);
            registry.add("oktioneer.kafka.topics.auctions", () -> auctions);
            try (TestFeed feed = new TestFeed(kafka.address(), preferences, auctions)) {
                for (int i = 0; i < PUBLISHED; i++) {
                    feed.upsert(TestFeed.pref("user-" + i).maxBid((1 + i) + ".00"));
                }
            }
            kafka.stop();
        }
        registry.add("spring.kafka.bootstrap-servers", kafka::address);
    }

    @AfterAll
    static void closeKafka() {
        kafka.close();
    }

    @Test
    void reportsReadyOnlyOnceEverythingPublishedIsLoaded() {
        EngineHttp http = new EngineHttp(port);
        String body = "{\"category\":\"watches\",\"floorPrice\":1,\"currency\":\"EUR\"}";

        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = http.get("/actuator/health/readiness");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"engineFeed\"").contains("\"status\":\"DOWN\"");
        HttpResponse<String> refused = http.decide(body, EngineHttp.TOKEN);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        kafka.restart();

        Eventually.within(Duration.ofSeconds(90), () -> http.get("/actuator/health/readiness").statusCode(),
                status -> status == 200, "readiness UP after Kafka came back");
        JsonNode decision = http.decide("watches");
        assertThat(decision.path("eligible").asInt()).isEqualTo(PUBLISHED);
        assertThat(decision.path("candidates").get(0).path("maxBid").decimalValue())
                .isEqualByComparingTo(PUBLISHED + ".00");
    }
}
