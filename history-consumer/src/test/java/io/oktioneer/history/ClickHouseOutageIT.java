package io.oktioneer.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Topics;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.support.KafkaFixture;
import io.oktioneer.history.support.TestEvents;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.PrivateServer;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.Server;
import io.oktioneer.testsupport.SpringProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ClickHouse down (a private server of this test): down when the service starts, then stopped again while events
 * keep coming. The service stays up and says it is not ready, the lag grows, nothing is skipped, and after
 * each restart every event is there exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oktioneer.history.batch-linger=200ms", "oktioneer.history.lag-interval=300ms",
        "oktioneer.history.retry-initial-backoff=100ms", "oktioneer.history.retry-max-backoff=1s"})
class ClickHouseOutageIT {

    private static final String ID = Isolation.uniqueId("it_outage");
    private static final String AUCTIONS = Isolation.topic(Topics.AUCTIONS, ID);
    private static final String PREFERENCES = Isolation.topic(Topics.PREFERENCES, ID);
    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static PrivateServer clickHouseServer;
    private static KafkaFixture kafka;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @Autowired
    ClickHouseClient clickHouse;

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger produced = new AtomicInteger();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        clickHouseServer = PrivateServer.start(Server.CLICKHOUSE);
        clickHouseServer.stop();
        kafka = new KafkaFixture(RealServers.get().kafkaBootstrapServers());
        kafka.createTopic(AUCTIONS, 3);
        kafka.createTopic(PREFERENCES, 1);
        SpringProperties.kafka(registry);
        registry.add("oktioneer.clickhouse.url", clickHouseServer::address);
        registry.add("oktioneer.clickhouse.user", () -> "default");
        registry.add("oktioneer.clickhouse.password", () -> "");
        registry.add("oktioneer.clickhouse.database", () -> ID);
        registry.add("oktioneer.kafka.topics.auctions", () -> AUCTIONS);
        registry.add("oktioneer.kafka.topics.preferences", () -> PREFERENCES);
        registry.add("oktioneer.history.group-id", () -> ID);
    }

    @AfterAll
    static void cleanUp() {
        clickHouseServer.close();
        kafka.deleteTopics(List.of(AUCTIONS, PREFERENCES));
        kafka.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(InternalHeaders.INTERNAL_TOKEN, "dev-internal-token")
                .header(InternalHeaders.ROLE, "ADMIN").build(), HttpResponse.BodyHandlers.ofString());
    }

    private double insertFailures() {
        return registry.get("oktioneer.clickhouse.insert.failures").tag("table", "auction_events").counter().count();
    }

    private double lag() {
        return registry.get("oktioneer.consumer.lag").tag("topic", AUCTIONS).gauge().value();
    }

    private Thread stream(AtomicBoolean running) {
        return Thread.ofPlatform().name("event-stream").start(() -> {
            while (running.get()) {
                int i = produced.get();
                kafka.sendAll(AUCTIONS, List.of(TestEvents.evaluated(START.plusMillis(i * 10L), "ex-" + i % 3,
                        "S" + i, "watches", "omega", i % 2 == 0 ? "u1" : null, "4.00", 1)));
                produced.incrementAndGet();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private long storedOnce() {
        return Long.parseLong(clickHouse.query("SELECT uniqExact(event_id) FROM " + clickHouse.qualified("auction_events")
                + " FORMAT TabSeparated").strip());
    }

    private long countFinal() {
        return Long.parseLong(clickHouse.query("SELECT count() FROM " + clickHouse.qualified("auction_events")
                + " FINAL FORMAT TabSeparated").strip());
    }

    @Test
    void keepsEveryEventExactlyOnceThroughClickHouseOutages() throws Exception {
        // Down at start: the service runs and says it is not ready.
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> notReady = get("/actuator/health/readiness");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("\"clickhouse\":{").contains("DOWN");
        assertThat(get("/api/v1/analytics/summary").statusCode()).isEqualTo(503);

        AtomicBoolean running = new AtomicBoolean(true);
        Thread stream = stream(running);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> insertFailures() >= 2 && lag() > 0);

            clickHouseServer.restart();
            await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
            int beforeSecondOutage = produced.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> storedOnce() >= beforeSecondOutage);

            // Stopped again under the stream, for a while.
            double failures = insertFailures();
            clickHouseServer.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> insertFailures() >= failures + 3 && lag() > 0);
            clickHouseServer.restart();
        } finally {
            running.set(false);
            stream.join();
        }

        int total = produced.get();
        await().atMost(Duration.ofSeconds(90)).until(() -> kafka.lag(ID, AUCTIONS) == 0);
        assertThat(countFinal()).isEqualTo(total);
        assertThat(storedOnce()).isEqualTo(total);
        HttpResponse<String> summary = get("/api/v1/analytics/summary?from=2026-06-01T00:00:00.000Z"
                + "&to=2026-06-02T00:00:00.000Z&groupBy=category");
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("\"key\":\"watches\",\"evaluations\":" + total + ",\"bids\":"
                + (total + 1) / 2 + ",");
        await().atMost(Duration.ofSeconds(60)).until(() -> lag() == 0);
    }
}
