package io.oktioneer.auction.it;

import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.oktioneer.auction.engine.EngineClient;
import io.oktioneer.contracts.Topics;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.SpringProperties;
import io.oktioneer.testsupport.TestTopics;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context shared by the integration test classes that extend this (same configuration, so Spring
 * caches it): the service against the real PostgreSQL and Kafka, its own database and topics, and a fake
 * engine whose answers each test sets. Reservations expire 1 s after closesAt so expiry is testable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AuctionServiceITBase {

    protected static final String TOKEN = "it-internal-token";
    protected static final String DATABASE = Isolation.newPostgresDatabase("auction");
    protected static final String ID = Isolation.uniqueId("auction");
    protected static final String AUCTIONS_TOPIC = Isolation.topic(Topics.AUCTIONS, ID);
    protected static final String PREFERENCES_TOPIC = Isolation.topic(Topics.PREFERENCES, ID);
    protected static final FakeEngine ENGINE = FakeEngine.start(TOKEN);

    static {
        TestTopics.create(bootstrap(), 3, AUCTIONS_TOPIC, PREFERENCES_TOPIC);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected EngineClient engineClient;

    protected Api api;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.kafka(registry);
        registry.add("oktioneer.security.internal-token", () -> TOKEN);
        registry.add("oktioneer.engine.urls", ENGINE::url);
        registry.add("oktioneer.engine.max-candidates", () -> 10);
        registry.add("oktioneer.kafka.topics.auctions", () -> AUCTIONS_TOPIC);
        registry.add("oktioneer.kafka.topics.preferences", () -> PREFERENCES_TOPIC);
        registry.add("oktioneer.kafka.preferences-group", () -> ID);
        registry.add("oktioneer.engine.circuit.open-for", () -> "60s");
        // The decision is recorded before tmaxMs or answered 503: on a busy shared test machine (load 20 seen)
        // the group commit after an abandoned engine call needs far more room than production's 3 ms.
        registry.add("oktioneer.engine.write-reserve", () -> "2s");
        registry.add("oktioneer.reservations.grace", () -> "1s");
        registry.add("oktioneer.reservations.sweep-interval", () -> "200ms");
        registry.add("oktioneer.outbox.leader-lock-key", () -> Math.abs(ID.hashCode()));
    }

    @BeforeEach
    void resetEngine() {
        api = new Api(port, TOKEN);
        ENGINE.answer(r -> FakeEngine.noBid("NO_MATCH"));
        engineClient.breakers().forEach(CircuitBreaker::reset);
    }

    protected static String bootstrap() {
        return RealServers.get().kafkaBootstrapServers();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** spent, reserved and total budget of a preference's ledger row. */
    protected Map<String, Object> ledger(UUID preferenceId) {
        return jdbc.queryForMap("SELECT spent, reserved, total_budget, ledger_version FROM preference_budget"
                + " WHERE preference_id = ?", preferenceId);
    }

    protected BigDecimal reserved(UUID preferenceId) {
        return (BigDecimal) ledger(preferenceId).get("reserved");
    }

    protected BigDecimal spent(UUID preferenceId) {
        return (BigDecimal) ledger(preferenceId).get("spent");
    }

    protected void awaitOutboxEmpty() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class) == 0);
    }

    protected static String evaluateBody(String exchange, String auctionId, String floor, String extra) {
        return Api.json("{'exchange':'" + exchange + "','auctionId':'" + auctionId
                + "','item':{'category':'watches','brand':'Omega','title':'Seamaster'},'floorPrice':" + floor
                + ",'currency':'EUR'" + (extra == null ? "" : "," + extra)
                // a generous deadline unless the test sets one: the shared 2-core machine may be busy
                + (extra != null && extra.contains("tmaxMs") ? "" : ",'tmaxMs':60000") + "}");
    }

    protected static List<String> fields(Api.Response response) {
        return response.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }
}
