package io.oktioneer.auction.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.auction.engine.EngineClient;
import io.oktioneer.contracts.Topics;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.SpringProperties;
import io.oktioneer.testsupport.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two engine instances ({@code oktioneer.engine.urls} as one comma-separated value), one stopped while
 * evaluations keep coming from several callers: both served before, and after the stop no evaluation answers
 * ENGINE_UNAVAILABLE except one that was already under way when it stopped; the other instance answers them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineInstancesIT {

    private static final String TOKEN = "it-instances-token";
    private static final String DATABASE = Isolation.newPostgresDatabase("auction_instances");
    private static final String ID = Isolation.uniqueId("instances");
    private static final String AUCTIONS_TOPIC = Isolation.topic(Topics.AUCTIONS, ID);
    private static final String PREFERENCES_TOPIC = Isolation.topic(Topics.PREFERENCES, ID);
    private static final FakeEngine STAYING = FakeEngine.start(TOKEN);
    private static final FakeEngine STOPPED = FakeEngine.start(TOKEN);
    private static final int CALLERS = 8;

    static {
        TestTopics.create(RealServers.get().kafkaBootstrapServers(), 3, AUCTIONS_TOPIC, PREFERENCES_TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    EngineClient engineClient;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.kafka(registry);
        registry.add("oktioneer.security.internal-token", () -> TOKEN);
        registry.add("oktioneer.engine.urls", () -> STAYING.url() + "," + STOPPED.url());
        registry.add("oktioneer.kafka.topics.auctions", () -> AUCTIONS_TOPIC);
        registry.add("oktioneer.kafka.topics.preferences", () -> PREFERENCES_TOPIC);
        registry.add("oktioneer.kafka.preferences-group", () -> ID);
        registry.add("oktioneer.outbox.leader-lock-key", () -> Math.abs(ID.hashCode()));
        // as in AuctionServiceITBase: room for the commit on a busy shared machine
        registry.add("oktioneer.engine.write-reserve", () -> "2s");
    }

    @AfterAll
    static void stopEngines() {
        STAYING.stop();
    }

    /** A new auction each time, a generous deadline (the shared 2-core machine may be busy). */
    private static String evaluateBody() {
        return Api.json("{'exchange':'ex-instances','auctionId':'I-" + UUID.randomUUID() + "','item':{'category':"
                + "'watches','brand':'Omega','title':'Seamaster'},'floorPrice':5,'currency':'EUR','tmaxMs':60000}");
    }

    /** One evaluation: when it was sent, and its answer. */
    private record Evaluation(long sentNanos, Api.Response response) {

        String reason() {
            return response.json().get("reason").asString();
        }
    }

    @Test
    void whenAnInstanceStopsTheOtherAnswersEveryCallMadeAfter() throws Exception {
        assertThat(engineClient.breakers()).hasSize(2);
        Api api = new Api(port, TOKEN);
        List<Evaluation> evaluations = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong stoppedAt = new AtomicLong(Long.MAX_VALUE);
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < CALLERS; c++) {
            callers.add(Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    long sent = System.nanoTime();
                    evaluations.add(new Evaluation(sent, api.evaluate(evaluateBody())));
                }
            }));
        }
        try {
            // the schema may still be migrating on a slow machine (a 503 records nothing); then both are called
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> STAYING.calls() >= 20 && STOPPED.calls() >= 20);

            int stayingBefore = STAYING.calls();
            STOPPED.stop();
            stoppedAt.set(System.nanoTime());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> evaluations.stream().filter(e -> e.sentNanos() > stoppedAt.get()).count() >= 400);
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }

            List<Evaluation> after = evaluations.stream().filter(e -> e.sentNanos() > stoppedAt.get()).toList();
            List<Evaluation> before = evaluations.stream().filter(e -> e.sentNanos() <= stoppedAt.get()).toList();
            assertThat(after).allSatisfy(e -> {
                assertThat(e.response().status()).as(e.response().text()).isEqualTo(200);
                assertThat(e.reason()).as(e.response().text()).isEqualTo("NO_MATCH");
            });
            assertThat(STAYING.calls() - stayingBefore).isGreaterThanOrEqualTo(after.size());
            // the stopped one was refused at least once, and that call went on to the other
            assertThat(meters.get("oktioneer.engine.failovers").counter().count()).isGreaterThanOrEqualTo(1);
            long inFlightUnavailable = before.stream().filter(e -> e.response().status() == 200
                    && "ENGINE_UNAVAILABLE".equals(e.reason())).count();
            System.out.printf("[measured] %d evaluations before the stop (%d ENGINE_UNAVAILABLE), %d after (none);"
                            + " failovers %.0f%n", before.size(), inFlightUnavailable, after.size(),
                    meters.get("oktioneer.engine.failovers").counter().count());
        } finally {
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            if (stoppedAt.get() == Long.MAX_VALUE) {
                STOPPED.stop();
            }
        }
    }
}
