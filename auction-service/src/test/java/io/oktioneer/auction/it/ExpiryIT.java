package io.oktioneer.auction.it;

import static io.oktioneer.auction.it.FakeEngine.candidate;
import static io.oktioneer.auction.it.FakeEngine.candidates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.oktioneer.auction.auction.AuctionStore;
import io.oktioneer.auction.auction.ReservationProperties;
import io.oktioneer.auction.expiry.ReservationExpiry;
import io.oktioneer.auction.ledger.AuctionEvents;
import io.oktioneer.auction.ledger.BatchResolver;
import io.oktioneer.auction.ledger.LedgerSettings;
import io.oktioneer.auction.ledger.LedgerWriter;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.testsupport.ApplicationYaml;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** Reservations without a result are released after closesAt + grace (1 s here), once, with AuctionExpired. */
class ExpiryIT extends AuctionServiceITBase {

    @Autowired
    DataSource dataSource;
    @Autowired
    JsonMapper json;
    @Autowired
    AuctionStore auctions;
    @Autowired
    AuctionMetrics metrics;

    @Test
    void releasesAfterClosesAtPlusGraceAndRefusesALateResult() {
        UUID preference = UUID.randomUUID();
        ENGINE.answer(request -> candidates(1, candidate(preference, "ue", "30", "100")));
        String auction = unique("X");
        // Seconds ahead: a cold first request on a loaded machine must still arrive before the auction closes.
        Instant closesAt = Instant.now().plusSeconds(3);
        Api.Response bid = api.evaluate(evaluateBody("ex-exp", auction, "10", "'closesAt':'" + closesAt + "'"));
        assertThat(bid.json().get("decision").asString()).isEqualTo("BID");
        assertThat(reserved(preference)).isEqualByComparingTo("30");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> reserved(preference).signum() == 0);
        assertThat(Instant.now()).isAfter(closesAt.plusSeconds(1));
        var stored = api.get("/api/v1/auctions/ex-exp/" + auction).json();
        assertThat(stored.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(stored.get("rounds").get(0).get("reservation").asString()).isEqualTo("EXPIRED");
        awaitOutboxEmpty();
        assertThat(kafkaCount("AuctionExpired", "ex-exp:" + auction)).isEqualTo(1);

        Api.Response late = api.result(Api.json("{'exchange':'ex-exp','auctionId':'" + auction
                + "','outcome':'WON','clearingPrice':20}"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(api.evaluate(evaluateBody("ex-exp", auction, "11", "'closesAt':'" + closesAt + "'")).status())
                .isEqualTo(409);
        assertThat(spent(preference)).isEqualByComparingTo("0");
    }

    @Test
    void twoInstancesSweepingAtOnceReleaseEachReservationOnce() {
        // A second ledger writer and sweep on the same database stand for a second instance; the schedule is
        // bypassed with a long grace so both sweeps find the same due reservations.
        UUID preference = UUID.randomUUID();
        ENGINE.answer(request -> candidates(1, candidate(preference, "uz", "10", "1000")));
        List<String> ids = List.of(unique("Z"), unique("Z"), unique("Z"), unique("Z"));
        for (String id : ids) {
            api.evaluate(evaluateBody("ex-exp2", id, "5", "'closesAt':'" + Instant.now().plusSeconds(3600) + "'"));
        }
        assertThat(reserved(preference)).isEqualByComparingTo("40");
        jdbc.update("UPDATE auction_round SET expires_at = now() - interval '1 second'"
                + " WHERE exchange = 'ex-exp2' AND preference_id = ?", preference);
        ReservationProperties reservations = ApplicationYaml.load().bind(ReservationProperties.class,
                Map.of("oktioneer.reservations.grace", "1h", "oktioneer.reservations.sweep-interval", "1h"));
        LedgerWriter second = new LedgerWriter(dataSource, new AuctionEvents(json),
                new BatchResolver.Policy(reservations.grace(), reservations.ttl()), LedgerSettings.of(64,
                Duration.ZERO, 1000), metrics, Clock.systemUTC(), records -> { });
        second.start();
        try {
            ReservationExpiry other = new ReservationExpiry(auctions, second, LedgerSettings.of(64, Duration.ZERO, 1000), metrics, reservations, Clock.systemUTC());
            CompletableFuture<Integer> a = CompletableFuture.supplyAsync(other::sweep);
            CompletableFuture<Integer> b = CompletableFuture.supplyAsync(other::sweep);
            int releasedHere = a.join() + b.join();
            await().atMost(Duration.ofSeconds(10)).until(() -> reserved(preference).signum() == 0);
            assertThat(releasedHere).isLessThanOrEqualTo(4);
            assertThat(reserved(preference)).isEqualByComparingTo("0");
            awaitOutboxEmpty();
            assertThat(kafkaCount("AuctionExpired", "ex-exp2:")).isEqualTo(4);
        } finally {
            second.stop();
        }
    }

    private long kafkaCount(String type, String keyPrefix) {
        return KafkaTopics.readAll(bootstrap(), AUCTIONS_TOPIC).stream()
                .filter(r -> r.key().startsWith(keyPrefix) && r.value().contains("\"type\":\"" + type + "\""))
                .count();
    }
}
