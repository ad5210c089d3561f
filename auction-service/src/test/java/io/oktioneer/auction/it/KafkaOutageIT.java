package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static io.oktioneer.auction.it.FakeEngine.candidates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oktioneer.contracts.Topics;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.PrivateServer;
import io.oktioneer.testsupport.Server;
import io.oktioneer.testsupport.SpringProperties;
import io.oktioneer.testsupport.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka down (a private broker of this test's own): evaluations keep answering, their events wait in the outbox,
 * and after Kafka is back every decision's event is on the topic exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KafkaOutageIT {

    private static final String TOKEN = "it-outage-token";
    private static final String DATABASE = Isolation.newPostgresDatabase("auction_outage");
    private static final String ID = Isolation.uniqueId("outage");
    private static final String TOPIC = Isolation.topic(Topics.AUCTIONS, ID);
    private static final PrivateServer KAFKA = PrivateServer.start(Server.KAFKA);
    private static final FakeEngine ENGINE = FakeEngine.start(TOKEN);

    /** Not the auctions topic: the relay creates it, with the configured partitions, before its first send. */
    static {
        TestTopics.create(KAFKA.address(), 3, Isolation.topic(Topics.PREFERENCES, ID));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::address);
        registry.add("oktioneer.security.internal-token", () -> TOKEN);
        registry.add("oktioneer.engine.urls", ENGINE::url);
        registry.add("oktioneer.kafka.topics.auctions", () -> TOPIC);
        registry.add("oktioneer.kafka.topics.preferences", () -> Isolation.topic(Topics.PREFERENCES, ID));
        registry.add("oktioneer.kafka.preferences-group", () -> ID);
        registry.add("oktioneer.outbox.leader-lock-key", () -> Math.abs(ID.hashCode()));
        registry.add("oktioneer.outbox.topic-partitions", () -> 2);
    }

    @AfterAll
    static void closeKafka() {
        KAFKA.close();
        ENGINE.stop();
    }

    @Test
    void evaluationsKeepAnsweringAndEveryEventArrivesOnceAfterKafkaIsBack() {
        Api api = new Api(port, TOKEN);
        ENGINE.answer(request -> candidates(1, candidate(UUID.randomUUID(), "uo", "5", null)));
        List<String> decisions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            decisions.add(evaluate(api, "before-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM outbox") == 0);

        KAFKA.stop();
        for (int i = 0; i < 50; i++) {
            decisions.add(evaluate(api, "during-" + i));
        }
        assertThat(count("SELECT count(*) FROM outbox")).isGreaterThan(0);

        KAFKA.restart();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> count("SELECT count(*) FROM outbox") == 0);
        for (int i = 0; i < 5; i++) {
            decisions.add(evaluate(api, "after-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM outbox") == 0);

        Map<String, Long> perDecision = KafkaTopics.readAll(KAFKA.address(), TOPIC).stream()
                .map(r -> Api.JSON.readTree(r.value()).get("payload").get("decisionId").asString())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perDecision.keySet()).containsExactlyInAnyOrderElementsOf(decisions);
        assertThat(perDecision.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
        Set<String> distinct = new HashSet<>(decisions);
        assertThat(distinct).hasSize(75);
        assertThat(partitions(TOPIC)).as("created by the relay with oktioneer.outbox.topic-partitions").isEqualTo(2);
    }

    private static int partitions(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.address()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String evaluate(Api api, String auction) {
        Api.Response response = api.evaluate(Api.json("{'exchange':'ex-out','auctionId':'" + auction
                + "','item':{},'floorPrice':1,'currency':'EUR','tmaxMs':60000}"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("decision").asString()).isEqualTo("BID");
        return response.json().get("decisionId").asString();
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
