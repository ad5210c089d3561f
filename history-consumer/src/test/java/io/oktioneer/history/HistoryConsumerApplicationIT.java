package io.oktioneer.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;
import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Topics;
import io.oktioneer.contracts.auction.AuctionEvaluated;
import io.oktioneer.contracts.auction.AuctionResultRecorded;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import io.oktioneer.contracts.preference.UserUpdated;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.support.HistorySettings;
import io.oktioneer.history.support.KafkaFixture;
import io.oktioneer.history.support.TestEvents;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.MalformedRequests;
import io.oktioneer.testsupport.OpenApiSnapshot;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.ServerEndpoints;
import io.oktioneer.testsupport.SpringProperties;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against the real Kafka and ClickHouse, on private topics, group and database: readiness and
 * metrics, the summary checked against a hand-computed fixture, N events counted once also after the group's
 * offsets are reset (everything delivered again), preference events, the producer's trace continued, and the HTTP
 * contract's guards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"oktioneer.history.batch-linger=200ms", "oktioneer.history.lag-interval=500ms"})
class HistoryConsumerApplicationIT {

    private static final String ID = Isolation.uniqueId("it_history");
    private static final String AUCTIONS = Isolation.topic(Topics.AUCTIONS, ID);
    private static final String PREFERENCES = Isolation.topic(Topics.PREFERENCES, ID);
    private static KafkaFixture kafka;

    @LocalServerPort
    int port;

    @Autowired
    ClickHouseClient clickHouse;

    @Autowired
    List<MessageListenerContainer> ingestion;

    @Autowired
    MeterRegistry registry;

    @Autowired
    ObjectProvider<Propagator> propagator;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        kafka = new KafkaFixture(RealServers.get().kafkaBootstrapServers());
        kafka.createTopic(AUCTIONS, 3);
        kafka.createTopic(PREFERENCES, 3);
        SpringProperties.kafka(registry);
        SpringProperties.clickhouse(registry, ID);
        registry.add("oktioneer.kafka.topics.auctions", () -> AUCTIONS);
        registry.add("oktioneer.kafka.topics.preferences", () -> PREFERENCES);
        registry.add("oktioneer.history.group-id", () -> ID);
    }

    @AfterAll
    static void cleanUp() {
        kafka.deleteTopics(List.of(AUCTIONS, PREFERENCES, Topics.deadLetter(AUCTIONS)));
        kafka.close();
        ServerEndpoints servers = RealServers.get();
        new ClickHouseClient(HistorySettings.clickHouse(servers.clickhouseUrl(), servers.clickhouseUser(),
                servers.clickhousePassword(), ID)).execute("DROP DATABASE IF EXISTS `" + ID + "`");
    }

    private HttpResponse<String> get(String path, String role) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(InternalHeaders.INTERNAL_TOKEN, "dev-internal-token");
        if (role != null) {
            request.header(InternalHeaders.ROLE, role);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String summary(String from, String to, String groupBy) throws Exception {
        HttpResponse<String> response = get("/api/v1/analytics/summary?from=" + from + "&to=" + to + "&groupBy="
                + groupBy, "ADMIN");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private void awaitIngested(String topic) {
        await().atMost(Duration.ofSeconds(90)).until(() -> kafka.lag(ID, topic) == 0);
    }

    private long count(String table, String where) {
        return Long.parseLong(clickHouse.query("SELECT count() FROM " + clickHouse.qualified(table) + " FINAL WHERE "
                + where + " FORMAT TabSeparated").strip());
    }

    @Test
    void tomcatsOwnRefusalsAreProblemJsonNeverHtml() throws Exception {
        MalformedRequests.assertAnsweredAsProblems(port);
    }

    @Test
    void startsReadyAndExportsPrometheusMetrics() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"clickhouse\"");

        HttpResponse<String> metrics = get("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("service=\"history-consumer\"")
                .contains("oktioneer_clickhouse_rows_written_total{", "table=\"auction_events\"",
                        "table=\"preference_events\"")
                .contains("oktioneer_clickhouse_insert_latency_seconds_bucket{")
                .contains("oktioneer_clickhouse_insert_failures_total{")
                .contains("oktioneer_dlt_records_total{", "topic=\"" + AUCTIONS + "\"")
                .contains("oktioneer_consumer_lag{", "group=\"" + ID + "\"", "topic=\"" + PREFERENCES + "\"")
                // The Kafka client's own metrics, from Spring Kafka's MicrometerConsumerListener.
                .contains("kafka_consumer_", "client_id=\"history-consumer-auction_events-0\"");
    }

    @Test
    void summaryMatchesTheHandComputedFixture() throws Exception {
        Instant h10 = Instant.parse("2026-03-10T10:00:00Z");
        Instant h11 = Instant.parse("2026-03-10T11:00:00Z");
        List<EventEnvelope<?>> events = new ArrayList<>();
        EventEnvelope<AuctionEvaluated> first = TestEvents.evaluated(h10.plusSeconds(300), "ex-a", "A1",
                "Watches", "Omega", "u1", "100.00", 1.0);
        events.add(first);
        events.add(first); // delivered twice: counts once
        events.add(TestEvents.evaluated(h10.plusSeconds(600), "ex-a", "A2", "watches", "seiko", "u2", "50.00", 2.0));
        events.add(TestEvents.evaluated(h10.plusSeconds(1200), "ex-b", "A3", "watches", "omega", null, null, 3.0));
        events.add(TestEvents.evaluated(h11.plusSeconds(300), "ex-b", "A4", "cameras", "leica", "u1", "80.00", 4.0));
        events.add(TestEvents.evaluated(h11.plusSeconds(1800), "ex-a", "A5", "cameras", "leica", null, null, 10.0));
        // Outside [10:00, 12:00): before from, exactly at to.
        events.add(TestEvents.evaluated(h10.minusMillis(1), "ex-a", "A0", "watches", "omega", "u1", "5.00", 50));
        events.add(TestEvents.evaluated(h10.minusSeconds(3600), "ex-a", "A7", "cameras", "leica", "u1", "12.00", 5));
        events.add(TestEvents.evaluated(h11.plusSeconds(3600), "ex-a", "A9", "watches", "omega", "u1", "7.00", 60));
        EventEnvelope<AuctionResultRecorded> won = TestEvents.result(h10.plusSeconds(1800), "ex-a", "A1",
                "watches", "omega", "u1", "100.00", "WON", "95.50");
        events.add(won);
        events.add(won);
        events.add(TestEvents.result(h10.plusSeconds(2400), "ex-a", "A2", "watches", "seiko", "u2", "50.00", "LOST",
                null));
        events.add(TestEvents.result(h11.plusSeconds(600), "ex-b", "A4", "cameras", "leica", "u1", "80.00", "WON",
                "80.00"));
        events.add(TestEvents.result(h11.plusSeconds(1200), "ex-a", "A7", "cameras", "leica", "u1", "12.00", "WON",
                "10.01"));
        events.add(TestEvents.result(h11.plusSeconds(2700), "ex-b", "A6", "cameras", "leica", "u2", "30.00",
                "CANCELLED", null));
        events.add(TestEvents.result(h11.plusSeconds(5400), "ex-a", "A5", "watches", "omega", "u1", "10.00", "WON",
                "10.00"));
        events.add(TestEvents.expired(h11.plusSeconds(3000), "ex-a", "A8", "u1", "20.00"));
        kafka.sendAll(AUCTIONS, events);
        awaitIngested(AUCTIONS);

        String from = "2026-03-10T10:00:00.000Z";
        String to = "2026-03-10T12:00:00.000Z";
        String byCategory = summary(from, to, "category");
        JSONAssert.assertEquals("""
                {"from": "2026-03-10T10:00:00.000Z", "to": "2026-03-10T12:00:00.000Z", "groupBy": "category",
                 "groups": [
                  {"key": "cameras", "evaluations": 2, "bids": 1, "wins": 2, "losses": 0, "winRate": 2.0,
                   "spend": 90.01, "avgClearingPrice": 45.01, "latencyP50Ms": 7.0, "latencyP99Ms": 9.94},
                  {"key": "watches", "evaluations": 3, "bids": 2, "wins": 1, "losses": 1, "winRate": 0.5,
                   "spend": 95.50, "avgClearingPrice": 95.50, "latencyP50Ms": 2.0, "latencyP99Ms": 2.98}]}
                """, byCategory, JSONCompareMode.STRICT);
        assertThat(byCategory).contains("\"spend\":90.01,\"avgClearingPrice\":45.01")
                .contains("\"spend\":95.50,\"avgClearingPrice\":95.50").contains("\"winRate\":0.5000");

        JSONAssert.assertEquals("""
                {"groupBy": "brand", "groups": [
                  {"key": "leica", "evaluations": 2, "bids": 1, "wins": 2, "losses": 0, "winRate": 2.0,
                   "spend": 90.01, "avgClearingPrice": 45.01, "latencyP50Ms": 7.0, "latencyP99Ms": 9.94},
                  {"key": "omega", "evaluations": 2, "bids": 1, "wins": 1, "losses": 0, "winRate": 1.0,
                   "spend": 95.50, "avgClearingPrice": 95.50, "latencyP50Ms": 2.0, "latencyP99Ms": 2.98},
                  {"key": "seiko", "evaluations": 1, "bids": 1, "wins": 0, "losses": 1, "winRate": 0.0,
                   "spend": 0.00, "avgClearingPrice": null, "latencyP50Ms": 2.0, "latencyP99Ms": 2.0}]}
                """, summary(from, to, "brand"), JSONCompareMode.STRICT_ORDER);
        JSONAssert.assertEquals("""
                {"groupBy": "exchange", "groups": [
                  {"key": "ex-a", "evaluations": 3, "bids": 2, "wins": 2, "losses": 1, "winRate": 1.0,
                   "spend": 105.51, "avgClearingPrice": 52.76, "latencyP50Ms": 2.0, "latencyP99Ms": 9.84},
                  {"key": "ex-b", "evaluations": 2, "bids": 1, "wins": 1, "losses": 0, "winRate": 1.0,
                   "spend": 80.00, "avgClearingPrice": 80.00, "latencyP50Ms": 3.5, "latencyP99Ms": 3.99}]}
                """, summary(from, to, "exchange"), JSONCompareMode.STRICT_ORDER);
        String byUser = summary(from, to, "user");
        JSONAssert.assertEquals("""
                {"groupBy": "user", "groups": [
                  {"key": "u1", "evaluations": 2, "bids": 2, "wins": 3, "losses": 0, "winRate": 1.5,
                   "spend": 185.51, "avgClearingPrice": 61.84, "latencyP50Ms": 2.5, "latencyP99Ms": 3.97},
                  {"key": "u2", "evaluations": 1, "bids": 1, "wins": 0, "losses": 1, "winRate": 0.0,
                   "spend": 0.00, "avgClearingPrice": null, "latencyP50Ms": 2.0, "latencyP99Ms": 2.0},
                  {"key": null, "evaluations": 2, "bids": 0, "wins": 0, "losses": 0, "winRate": null,
                   "spend": 0.00, "avgClearingPrice": null, "latencyP50Ms": 6.5, "latencyP99Ms": 9.93}]}
                """, byUser, JSONCompareMode.STRICT_ORDER);
        assertThat(byUser).contains("\"key\":null,").contains("\"winRate\":null,\"spend\":0.00");
        JSONAssert.assertEquals("""
                {"groupBy": "hour", "groups": [
                  {"key": "2026-03-10T10:00:00.000Z", "evaluations": 3, "bids": 2, "wins": 1, "losses": 1,
                   "winRate": 0.5, "spend": 95.50, "avgClearingPrice": 95.50, "latencyP50Ms": 2.0,
                   "latencyP99Ms": 2.98},
                  {"key": "2026-03-10T11:00:00.000Z", "evaluations": 2, "bids": 1, "wins": 2, "losses": 0,
                   "winRate": 2.0, "spend": 90.01, "avgClearingPrice": 45.01, "latencyP50Ms": 7.0,
                   "latencyP99Ms": 9.94}]}
                """, summary(from, to, "hour"), JSONCompareMode.STRICT_ORDER);
    }

    @Test
    void nEventsAreCountedOnceAlsoAfterTheGroupsOffsetsAreReset() throws Exception {
        int n = 1000;
        Instant start = Instant.parse("2026-04-01T00:00:00Z");
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(TestEvents.evaluated(start.plusSeconds(i * 60L), "ex-n", "N" + i, "c" + i % 4, "b", "u" + i % 9,
                    "3.00", 2));
        }
        kafka.sendAll(AUCTIONS, events);
        awaitIngested(AUCTIONS);
        String window = "from=2026-04-01T00:00:00.000Z&to=2026-04-02T00:00:00.000Z&groupBy=exchange";
        String before = get("/api/v1/analytics/summary?" + window, "ADMIN").body();
        assertThat(before).contains("\"key\":\"ex-n\",\"evaluations\":1000,\"bids\":1000,");

        ingestion.forEach(MessageListenerContainer::stop);
        double written = rowsWritten();
        kafka.resetToEarliest(ID, AUCTIONS);
        assertThat(kafka.lag(ID, AUCTIONS)).isGreaterThanOrEqualTo(n);
        ingestion.forEach(MessageListenerContainer::start);
        awaitIngested(AUCTIONS);

        assertThat(rowsWritten() - written).isGreaterThanOrEqualTo(n);
        assertThat(get("/api/v1/analytics/summary?" + window, "ADMIN").body()).isEqualTo(before);
        assertThat(count("auction_events", "exchange = 'ex-n'")).isEqualTo(n);
    }

    private double rowsWritten() {
        return registry.get("oktioneer.clickhouse.rows.written").tag("table", "auction_events").counter().count();
    }

    @Test
    void storesPreferenceEventsAndSkipsTombstones() {
        UUID preferenceId = UUID.randomUUID();
        Instant at = Instant.parse("2026-05-01T12:00:00.123Z");
        kafka.send(PREFERENCES, "user:pref-user", TestEvents.json(EventEnvelope.of(EventTypes.USER_UPDATED, at, null,
                new UserUpdated("pref-user", "Ann", "ACTIVE", false, at))));
        kafka.send(PREFERENCES, preferenceId.toString(), TestEvents.json(EventEnvelope.of(
                EventTypes.PREFERENCE_UPSERTED, at, null, new PreferenceUpserted(preferenceId, "pref-user", "ACTIVE",
                        "Watches", List.of("watches"), List.of(), new BigDecimal("250.00"), new BigDecimal("1000"),
                        "EUR", true, 1, at, at))));
        kafka.send(PREFERENCES, preferenceId.toString(), TestEvents.json(EventEnvelope.of(
                EventTypes.PREFERENCE_DELETED, at.plusSeconds(1), null, new PreferenceDeleted(preferenceId,
                        "pref-user"))));
        kafka.send(PREFERENCES, preferenceId.toString(), null);
        awaitIngested(PREFERENCES);

        assertThat(count("preference_events", "user_id = 'pref-user'")).isEqualTo(3);
        assertThat(count("preference_events", "preference_id = toUUID('" + preferenceId + "') AND deleted = 1"))
                .isEqualTo(1);
    }

    @Test
    void continuesTheProducersTraceFromItsTraceparentHeader() {
        assertThat(propagator.getIfAvailable()).as("tracing bridge present, so records get consumer spans").isNotNull();
        EventEnvelope<AuctionEvaluated> event = TestEvents.evaluated(Instant.parse("2026-05-02T00:00:00Z"),
                "ex-trace", "T1", "watches", "omega", "u1", "2.00", 1);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        kafka.send(AUCTIONS, TestEvents.key(event), TestEvents.json(event), "traceparent",
                "00-" + traceId + "-00f067aa0ba902b7-01");
        awaitIngested(AUCTIONS);

        assertThat(clickHouse.query("SELECT trace_id FROM " + clickHouse.qualified("auction_events")
                + " FINAL WHERE event_id = toUUID('" + event.eventId() + "') FORMAT TabSeparated").strip())
                .isEqualTo(traceId);
    }

    /** The published document (gateway: /api-docs/analytics) is the one committed as docs/openapi/analytics.json. */
    @Test
    void theLiveOpenApiDocumentIsTheCommittedOne() throws Exception {
        HttpResponse<String> document = get("/v3/api-docs", null);
        assertThat(document.statusCode()).isEqualTo(200);
        OpenApiSnapshot.assertMatches("analytics", document.body(), "./mvnw -B -ntp verify"
                + " -pl contracts,service-support,test-support,history-consumer"
                + " -Dit.test='HistoryConsumerApplicationIT#theLiveOpenApiDocumentIsTheCommittedOne'"
                + " -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false");
    }

    @Test
    void theSummaryIsForAdminsAndValidatesItsParameters() throws Exception {
        assertThat(get("/api/v1/analytics/summary", "BIDDER").statusCode()).isEqualTo(403);
        HttpResponse<String> bad = get("/api/v1/analytics/summary?groupBy=" + URLEncoder.encode("day",
                StandardCharsets.UTF_8) + "&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "ADMIN");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(bad.body()).contains("\"field\":\"groupBy\"");
        HttpResponse<String> bypass = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/analytics/summary")).header(InternalHeaders.ROLE, "ADMIN").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bypass.statusCode()).isEqualTo(401);
    }
}
