package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static io.oktioneer.auction.it.FakeEngine.candidates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Topics;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.PrivateServer;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.Server;
import io.oktioneer.testsupport.SpringProperties;
import io.oktioneer.testsupport.TestTopics;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL down (a private server of this test's own): evaluations answer 503 + Retry-After within their
 * deadline instead of waiting for connections, every other path answers 503 problem+json (never 500), nothing
 * answered 503 was recorded, and after the restart everything works and the ledger adds up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresOutageIT {

    private static final String TOKEN = "it-pg-outage-token";
    private static final String ID = Isolation.uniqueId("pgout");
    private static final String AUCTIONS_TOPIC = Isolation.topic(Topics.AUCTIONS, ID);
    private static final String PREFERENCES_TOPIC = Isolation.topic(Topics.PREFERENCES, ID);
    private static final PrivateServer POSTGRES = PrivateServer.start(Server.POSTGRES);
    private static final FakeEngine ENGINE = FakeEngine.start(TOKEN);
    private static final Duration NOT_THE_POOL_WAIT = Duration.ofSeconds(5);

    static {
        TestTopics.create(RealServers.get().kafkaBootstrapServers(), 3, AUCTIONS_TOPIC, PREFERENCES_TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, POSTGRES);
        SpringProperties.kafka(registry);
        registry.add("oktioneer.security.internal-token", () -> TOKEN);
        registry.add("oktioneer.engine.urls", ENGINE::url);
        registry.add("oktioneer.kafka.topics.auctions", () -> AUCTIONS_TOPIC);
        registry.add("oktioneer.kafka.topics.preferences", () -> PREFERENCES_TOPIC);
        registry.add("oktioneer.kafka.preferences-group", () -> ID);
        registry.add("oktioneer.outbox.leader-lock-key", () -> Math.abs(ID.hashCode()));
    }

    @AfterAll
    static void closePostgres() {
        POSTGRES.close();
        ENGINE.stop();
    }

    @Test
    void whileDownEveryPathAnswers503InTimeAndAfterTheRestartTheLedgerAddsUp() {
        Api api = new Api(port, TOKEN);
        UUID preference = UUID.randomUUID();
        ENGINE.answer(request -> candidates(1, candidate(preference, "u-pg", "10", "1000")));
        // the schema may still be migrating in the background on a slow machine (a 503 records nothing)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> evaluate(api, "before-0", 60_000).status() == 200);
        for (int i = 1; i < 3; i++) {
            assertThat(evaluate(api, "before-" + i, 60_000).status()).isEqualTo(200);
        }
        assertThat(reserved(preference)).isEqualByComparingTo("30");

        POSTGRES.stop();
        for (int i = 0; i < 5; i++) {
            Api.Response down = evaluate(api, "down-" + i, 1000);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.contentType()).startsWith("application/problem+json");
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.json().get("detail").asString()).contains("could not be recorded");
            assertThat(Duration.ofNanos(down.nanos())).as("answered by its deadline, not after a pool's wait")
                    .isLessThan(NOT_THE_POOL_WAIT);
        }
        assertProblem503(api.result(resultBody("before-0")));
        assertProblem503(api.get("/api/v1/users/u-pg/spending", InternalHeaders.ROLE, "ADMIN"));
        assertProblem503(api.get("/api/v1/auctions/ex-pg/before-1", InternalHeaders.ROLE, "ADMIN"));

        POSTGRES.restart();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> evaluate(api, "after-0", 60_000).status() == 200);
        Api.Response replay = evaluate(api, "before-0", 60_000);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.replayed()).isTrue();
        Api.Response again = evaluate(api, "down-0", 60_000);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.replayed()).as("a decision answered 503 'could not be recorded' was not recorded").isFalse();
        assertThat(api.result(resultBody("before-0")).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/u-pg/spending", InternalHeaders.ROLE, "ADMIN").status()).isEqualTo(200);

        // before-1, before-2, after-0, down-0 hold reservations; before-0 was won at 10
        assertThat(reserved(preference)).isEqualByComparingTo("40");
        assertThat(jdbc.queryForObject("SELECT spent FROM preference_budget WHERE preference_id = ?",
                BigDecimal.class, preference)).isEqualByComparingTo("10");
        assertThat(jdbc.queryForObject("SELECT coalesce(sum(bid_amount), 0) FROM auction_round"
                + " WHERE preference_id = ? AND reservation = 'OPEN'", BigDecimal.class, preference))
                .as("the ledger's reserved is the sum of the open reservations").isEqualByComparingTo("40");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class) == 0);
    }

    private static void assertProblem503(Api.Response response) {
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.text()).doesNotContain("Exception");
    }

    private BigDecimal reserved(UUID preference) {
        return jdbc.queryForObject("SELECT reserved FROM preference_budget WHERE preference_id = ?", BigDecimal.class,
                preference);
    }

    private static Api.Response evaluate(Api api, String auction, int tmaxMs) {
        return api.evaluate(Api.json("{'exchange':'ex-pg','auctionId':'" + auction
                + "','item':{'category':'watches'},'floorPrice':1,'currency':'EUR','tmaxMs':" + tmaxMs + "}"));
    }

    private static String resultBody(String auction) {
        return Api.json("{'exchange':'ex-pg','auctionId':'" + auction + "','outcome':'WON','clearingPrice':10}");
    }
}
