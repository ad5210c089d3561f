package io.oktioneer.engine;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.Topics;
import io.oktioneer.contracts.auction.AuctionEvaluated;
import io.oktioneer.contracts.auction.BudgetSnapshot;
import io.oktioneer.contracts.auction.Item;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import io.oktioneer.contracts.preference.UserUpdated;
import io.oktioneer.testsupport.TestProducers;
import io.oktioneer.testsupport.TestTopics;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the preference-service and the auction-service publish, written by the test: EventEnvelope JSON on
 * private topics of the real Kafka.
 */
final class TestFeed implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final String preferences;
    final String auctions;
    private final KafkaProducer<String, String> producer;

    TestFeed(String bootstrapServers, String preferencesTopic, String auctionsTopic) {
        this.preferences = preferencesTopic;
        this.auctions = auctionsTopic;
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(
                    new NewTopic(preferencesTopic, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(auctionsTopic, 3, (short) 1))).all().get();
            TestTopics.awaitLeaders(client, preferencesTopic);
            TestTopics.awaitLeaders(client, auctionsTopic);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create test topics", e);
        }
        Properties config = TestProducers.properties(bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(config);
    }

    static Pref pref(String userId) {
        return new Pref(UUID.randomUUID(), userId);
    }

    void upsert(Pref p) {
        send(preferences, p.id.toString(), EventTypes.PREFERENCE_UPSERTED, p.event());
    }

    void deleteWithTombstone(Pref p) {
        send(preferences, p.id.toString(), EventTypes.PREFERENCE_DELETED, new PreferenceDeleted(p.id, p.userId));
        raw(preferences, p.id.toString(), null);
    }

    void user(String userId, String status) {
        send(preferences, Topics.userKey(userId), EventTypes.USER_UPDATED,
                new UserUpdated(userId, "User " + userId, status, false, now()));
    }

    void budget(UUID preferenceId, String spent, String reserved, long ledgerVersion) {
        AuctionEvaluated evaluated = new AuctionEvaluated(UUID.randomUUID(), "ex-test", "A-" + UUID.randomUUID(), 1,
                new Item("watches", "omega", null), new BigDecimal("1.00"), "EUR", "ENGLISH", new BigDecimal("0.01"),
                null, 100, "BID", null, null, 1, 0.1, 1.0,
                List.of(new BudgetSnapshot(preferenceId, new BigDecimal(spent), new BigDecimal(reserved),
                        ledgerVersion)));
        send(auctions, Topics.auctionKey(evaluated.exchange(), evaluated.auctionId()), EventTypes.AUCTION_EVALUATED,
                evaluated);
    }

    void raw(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    private void send(String topic, String key, String type, Object payload) {
        raw(topic, key, JSON.writeValueAsString(EventEnvelope.of(type, now(), null, payload)));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void close() {
        producer.close();
    }

    /** A preference as the preference-service publishes it; mutable so a test can publish changes. */
    static final class Pref {
        final UUID id;
        final String userId;
        String userStatus = "ACTIVE";
        List<String> categories = List.of("watches");
        List<String> brands = List.of();
        BigDecimal maxBid = new BigDecimal("100.00");
        BigDecimal totalBudget;
        String currency = "EUR";
        boolean active = true;
        long version = 1;
        final Instant createdAt = now();

        Pref(UUID id, String userId) {
            this.id = id;
            this.userId = userId;
        }

        Pref maxBid(String amount) {
            maxBid = new BigDecimal(amount);
            return this;
        }

        Pref totalBudget(String amount) {
            totalBudget = new BigDecimal(amount);
            return this;
        }

        Pref categories(String... values) {
            categories = List.of(values);
            return this;
        }

        Pref brands(String... values) {
            brands = List.of(values);
            return this;
        }

        PreferenceUpserted event() {
            return new PreferenceUpserted(id, userId, userStatus, "test", categories, brands, maxBid, totalBudget,
                    currency, active, version++, createdAt, now());
        }
    }
}
