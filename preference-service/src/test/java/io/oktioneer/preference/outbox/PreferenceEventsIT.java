package io.oktioneer.preference.outbox;

import static io.oktioneer.preference.TestHttp.preferenceBody;
import static io.oktioneer.preference.TestHttp.tree;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.contracts.Topics;
import io.oktioneer.preference.TestHttp;
import io.oktioneer.support.outbox.OutboxConfiguration;
import io.oktioneer.support.outbox.OutboxDefinition;
import io.oktioneer.support.outbox.OutboxProperties;
import io.oktioneer.support.outbox.OutboxRelay;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.PrivateServer;
import io.oktioneer.testsupport.Server;
import io.oktioneer.testsupport.SpringProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every committed change reaches the compacted preferences topic through the outbox, on a Kafka of this test's
 * own: keys, payloads, tombstones; user status changes and deletes fan out to the user's preferences; with
 * Kafka stopped writes still succeed and the events arrive once it is back; two relays keep each key's order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PreferenceEventsIT {

    private static final PrivateServer KAFKA = PrivateServer.start(Server.KAFKA);
    private static final String DATABASE = Isolation.newPostgresDatabase("preference_events");
    private static final String ID = Isolation.uniqueId("prefevents");
    private static final String TOPIC = Isolation.topic(Topics.PREFERENCES, ID);
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        SpringProperties.postgres(registry, DATABASE);
        SpringProperties.redis(registry);
        registry.add("spring.kafka.bootstrap-servers", KAFKA::address);
        registry.add("oktioneer.cache.key-prefix", () -> ID + ":");
        registry.add("oktioneer.kafka.topics.preferences", () -> TOPIC);
    }

    private static KafkaConsumer<String, String> consumer;
    private static final List<ConsumerRecord<String, String>> RECORDS = new ArrayList<>();

    @AfterAll
    static void close() {
        if (consumer != null) {
            consumer.close();
        }
        KAFKA.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;
    String user;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        user = "ev-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createReplaceDeleteAreKeyedRecordsEndingInATombstoneOnACompactedTopic() throws Exception {
        assertThat(http.put("/api/v1/users/" + user, Map.of("displayName", "Ada")).statusCode()).isEqualTo(201);
        JsonNode created = tree(http.post(prefs(), preferenceBody()));
        String id = created.get("id").asString();
        String location = prefs() + "/" + id;
        Map<String, Object> replacement = new HashMap<>(preferenceBody());
        replacement.put("maxBid", 300);
        assertThat(http.put(location, replacement, "If-Match", "\"1\"").statusCode()).isEqualTo(200);
        assertThat(http.delete(location).statusCode()).isEqualTo(204);

        List<ConsumerRecord<String, String>> records = await(id, r -> r.size() >= 4);
        assertThat(records).hasSize(4);
        JsonNode upserted = value(records.get(0));
        assertThat(upserted.propertyNames()).containsExactly("eventId", "type", "version", "occurredAt", "traceId",
                "payload");
        assertThat(upserted.get("type").asString()).isEqualTo("PreferenceUpserted");
        assertThat(upserted.get("version").asLong()).isEqualTo(1);
        assertThat(upserted.get("occurredAt").asString()).matches(TIMESTAMP);
        UUID.fromString(upserted.get("eventId").asString());
        assertThat(records.get(0).value()).contains("\"maxBid\":250.00", "\"totalBudget\":1000.00",
                "\"userStatus\":\"ACTIVE\"", "\"brands\":[\"omega\",\"seiko\"]", "\"categories\":[\"watches\"]");
        JsonNode payload = upserted.get("payload");
        assertThat(payload.get("preferenceId").asString()).isEqualTo(id);
        assertThat(payload.get("userId").asString()).isEqualTo(user);
        assertThat(payload.get("version").asLong()).isEqualTo(1);
        assertThat(payload.get("createdAt").asString()).isEqualTo(created.get("createdAt").asString());
        assertTraceHeaderMatchesEnvelope(records.get(0), upserted);

        JsonNode replaced = value(records.get(1));
        assertThat(replaced.get("type").asString()).isEqualTo("PreferenceUpserted");
        assertThat(replaced.get("payload").get("version").asLong()).isEqualTo(2);
        assertThat(records.get(1).value()).contains("\"maxBid\":300.00");

        JsonNode deleted = value(records.get(2));
        assertThat(deleted.get("type").asString()).isEqualTo("PreferenceDeleted");
        assertThat(deleted.get("payload").toString())
                .isEqualTo("{\"preferenceId\":\"" + id + "\",\"userId\":\"" + user + "\"}");
        assertThat(records.get(3).value()).as("tombstone").isNull();
        assertThat(records).extracting(ConsumerRecord::partition).containsOnly(records.get(0).partition());

        JsonNode userUpdated = value(await(Topics.userKey(user), r -> !r.isEmpty()).get(0));
        assertThat(userUpdated.get("type").asString()).isEqualTo("UserUpdated");
        assertThat(userUpdated.get("payload").get("status").asString()).isEqualTo("ACTIVE");
        assertThat(userUpdated.get("payload").get("deleted").asBoolean()).isFalse();

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.address()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void userStatusChangeRepublishesItsPreferencesAndUserDeleteDeletesThem() {
        http.put("/api/v1/users/" + user, Map.of("displayName", "Ada"));
        String first = tree(http.post(prefs(), preferenceBody())).get("id").asString();
        String second = tree(http.post(prefs(), preferenceBody())).get("id").asString();

        assertThat(http.put("/api/v1/users/" + user, Map.of("displayName", "Ada", "status", "SUSPENDED"))
                .statusCode()).isEqualTo(200);
        for (String id : List.of(first, second)) {
            JsonNode suspended = value(await(id, r -> r.size() >= 2).get(1));
            assertThat(suspended.get("type").asString()).isEqualTo("PreferenceUpserted");
            assertThat(suspended.get("payload").get("userStatus").asString()).isEqualTo("SUSPENDED");
            assertThat(suspended.get("payload").get("version").asLong()).isEqualTo(2);
        }
        assertThat(http.get(prefs() + "/" + first).headers().firstValue("ETag")).hasValue("\"2\"");

        assertThat(http.delete("/api/v1/users/" + user).statusCode()).isEqualTo(204);
        for (String id : List.of(first, second)) {
            List<ConsumerRecord<String, String>> records = await(id, r -> r.size() >= 4);
            assertThat(value(records.get(2)).get("type").asString()).isEqualTo("PreferenceDeleted");
            assertThat(records.get(3).value()).isNull();
        }
        List<ConsumerRecord<String, String>> userRecords = await(Topics.userKey(user), r -> r.size() >= 3);
        assertThat(userRecords).extracting(r -> value(r).get("payload").get("status").asString())
                .containsExactly("ACTIVE", "SUSPENDED", "SUSPENDED");
        assertThat(value(userRecords.get(2)).get("payload").get("deleted").asBoolean()).isTrue();
    }

    @Test
    void writesSucceedWhileKafkaIsDownAndTheirEventsArriveWhenItIsBack() {
        KAFKA.stop();
        String id;
        try {
            assertThat(http.put("/api/v1/users/" + user, Map.of("displayName", "Ada")).statusCode()).isEqualTo(201);
            HttpResponseAssert created = new HttpResponseAssert(http.post(prefs(), preferenceBody()));
            assertThat(created.status()).isEqualTo(201);
            id = created.body().get("id").asString();
            Map<String, Object> replacement = new HashMap<>(preferenceBody());
            replacement.put("name", "replaced while Kafka was down");
            assertThat(http.put(prefs() + "/" + id, replacement, "If-Match", "\"1\"").statusCode()).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE message_key = ?", Long.class, id))
                    .as("events wait in the outbox").isEqualTo(2);
        } finally {
            KAFKA.restart();
        }
        List<ConsumerRecord<String, String>> records = await(id, r -> r.size() >= 2);
        assertThat(records).extracting(r -> value(r).get("payload").get("version").asLong()).containsExactly(1L, 2L);
        assertThat(value(records.get(1)).get("payload").get("name").asString())
                .isEqualTo("replaced while Kafka was down");
        assertThat(await(Topics.userKey(user), r -> !r.isEmpty())).hasSize(1);
    }

    @Test
    void twoRelaysPublishEachKeyInCommitOrder(@Autowired OutboxDefinition outbox, @Autowired DataSource dataSource,
            @Autowired KafkaProperties kafka, @Autowired KafkaAdmin admin, @Autowired OutboxProperties properties) {
        // A second instance's relay: same database and topic, its own wake-ups (nothing wakes it: it only polls).
        OutboxRelay secondInstance = new OutboxConfiguration().outboxRelay(outbox, dataSource, kafka, admin,
                properties, new SimpleMeterRegistry(), "second-instance");
        secondInstance.start();
        try {
            http.put("/api/v1/users/" + user, Map.of("displayName", "Ada"));
            String id = tree(http.post(prefs(), preferenceBody())).get("id").asString();
            int replaces = 40;
            for (int version = 1; version <= replaces; version++) {
                Map<String, Object> body = new HashMap<>(preferenceBody());
                body.put("maxBid", version);
                assertThat(http.put(prefs() + "/" + id, body, "If-Match", "\"" + version + "\"").statusCode())
                        .isEqualTo(200);
            }
            List<Long> versions = await(id, r -> r.stream().anyMatch(x -> version(x) == replaces + 1)).stream()
                    .map(PreferenceEventsIT::version).toList();
            assertThat(versions).isSorted();
            assertThat(versions.getLast()).isEqualTo(replaces + 1);
            assertThat(versions.stream().distinct().count()).isEqualTo(replaces + 1);
        } finally {
            secondInstance.stop();
        }
    }

    private static long version(ConsumerRecord<String, String> record) {
        return value(record).get("payload").get("version").asLong();
    }

    private record HttpResponseAssert(int status, JsonNode body) {
        HttpResponseAssert(java.net.http.HttpResponse<String> response) {
            this(response.statusCode(), tree(response));
        }
    }

    private static void assertTraceHeaderMatchesEnvelope(ConsumerRecord<String, String> record, JsonNode envelope) {
        Header traceparent = record.headers().lastHeader("traceparent");
        if (envelope.get("traceId").isNull()) {
            assertThat(traceparent).isNull();
        } else {
            assertThat(new String(traceparent.value(), StandardCharsets.US_ASCII))
                    .contains("-" + envelope.get("traceId").asString() + "-");
        }
    }

    private static JsonNode value(ConsumerRecord<String, String> record) {
        return TestHttp.JSON.readTree(record.value());
    }

    /** The records of one key read so far, in offset order, once {@code done} holds for them (60 s at most). */
    private static synchronized List<ConsumerRecord<String, String>> await(String key,
            Predicate<List<ConsumerRecord<String, String>>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<ConsumerRecord<String, String>> ofKey = RECORDS.stream().filter(r -> key.equals(r.key())).toList();
            if (done.test(ofKey) || System.nanoTime() > deadline) {
                return ofKey;
            }
            poll();
        }
    }

    private static void poll() {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.address(),
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false),
                    new StringDeserializer(), new StringDeserializer());
        }
        if (consumer.assignment().isEmpty()) {
            List<TopicPartition> partitions;
            try {
                partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            } catch (org.apache.kafka.common.errors.TimeoutException brokerStillStarting) {
                partitions = List.of();
            }
            if (partitions.isEmpty()) {
                sleep();
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(RECORDS::add);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String prefs() {
        return "/api/v1/users/" + user + "/preferences";
    }
}
