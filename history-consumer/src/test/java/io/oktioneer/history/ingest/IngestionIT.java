package io.oktioneer.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.Topics;
import io.oktioneer.history.analytics.SummaryGrouping;
import io.oktioneer.history.analytics.SummaryQuery;
import io.oktioneer.history.analytics.SummaryRepository;
import io.oktioneer.history.analytics.SummaryRow;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.ClickHouseProperties;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.AuctionEventsTable;
import io.oktioneer.history.events.HistorySchema;
import io.oktioneer.history.support.KafkaFixture;
import io.oktioneer.history.support.TestEvents;
import io.oktioneer.testsupport.Isolation;
import io.oktioneer.testsupport.RealServers;
import io.oktioneer.testsupport.ServerEndpoints;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ingest loop against the real Kafka and ClickHouse, without Spring: at-least-once delivery made exactly-once
 * in the numbers, and poison records dead-lettered without blocking their partition.
 */
class IngestionIT {

    private static final ServerEndpoints SERVERS = RealServers.get();
    private static final String ID = Isolation.uniqueId("it_ingest");
    private static final String DATABASE = ID;

    private static KafkaFixture kafka;
    private static ClickHouseClient clickHouse;
    private static SchemaManager schema;
    private static SummaryRepository summaries;
    private static final List<String> topics = new ArrayList<>();

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<TopicIngestor> ingestors = new ArrayList<>();
    private DeadLetterPublisher deadLetters;

    @BeforeAll
    static void servers() {
        kafka = new KafkaFixture(SERVERS.kafkaBootstrapServers());
        clickHouse = new ClickHouseClient(ClickHouseProperties.of(SERVERS.clickhouseUrl(), SERVERS.clickhouseUser(),
                SERVERS.clickhousePassword(), DATABASE));
        schema = new SchemaManager(clickHouse, HistorySchema.MIGRATIONS);
        summaries = new SummaryRepository(clickHouse, schema);
    }

    @AfterAll
    static void cleanUp() {
        clickHouse.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`");
        List<String> all = new ArrayList<>(topics);
        topics.forEach(t -> all.add(Topics.deadLetter(t)));
        kafka.deleteTopics(all);
        kafka.close();
    }

    @AfterEach
    void stopIngestors() {
        ingestors.forEach(TopicIngestor::halt);
        ingestors.forEach(i -> i.awaitTermination(Duration.ofSeconds(30)));
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    private static String newTopic(String name) {
        String topic = Isolation.topic(Topics.AUCTIONS, Isolation.uniqueId(name));
        kafka.createTopic(topic, 3);
        topics.add(topic);
        return topic;
    }

    private IngestMetrics metrics(String topic) {
        return new IngestMetrics(registry, List.of(AuctionEventsTable.NAME), List.of(topic));
    }

    private ClickHouseBatchSink sink(IngestMetrics metrics) {
        deadLetters = new DeadLetterPublisher(Map.of("bootstrap.servers", kafka.bootstrap()),
                Map.of("bootstrap.servers", kafka.bootstrap()), "it", metrics);
        return new ClickHouseBatchSink(new AuctionEventsTable(HistorySchema.eventMapper()), clickHouse, schema,
                deadLetters, metrics, settings());
    }

    /** Two decode threads whatever the machine, so large polls take the parallel path here too. */
    private static IngestSettings settings() {
        return IngestSettings.defaults().withLinger(Duration.ofMillis(300))
                .withRetry(Duration.ofMillis(100), Duration.ofSeconds(1)).withDecodeThreads(2);
    }

    private TopicIngestor start(String topic, String group, BatchSink sink) {
        // The production consumer settings (fetches held for a useful batch), only the linger is shorter.
        Map<String, Object> config = ConsumerSettings.forTable(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), group, AuctionEventsTable.NAME,
                settings().batchLinger());
        TopicIngestor ingestor = new TopicIngestor(topic, new AuctionEventsTable(HistorySchema.eventMapper()), config,
                sink, settings(), RecordTracing.NONE);
        ingestors.add(ingestor);
        ingestor.start();
        return ingestor;
    }

    private double rowsWritten() {
        return registry.get("oktioneer.clickhouse.rows.written").counter().count();
    }

    private static long countOnce(String exchange) {
        return Long.parseLong(clickHouse.query("SELECT count() FROM " + clickHouse.qualified(AuctionEventsTable.NAME)
                + " FINAL WHERE exchange = '" + exchange + "' FORMAT TabSeparated").strip());
    }

    @Test
    void aConsumerKilledAfterTheInsertAndBeforeTheCommitDoesNotDoubleCount() {
        String topic = newTopic("crash");
        String group = Isolation.uniqueId("crash");
        String exchange = "ex-crash";
        Instant start = Instant.parse("2026-02-03T10:00:00Z");
        int n = 600;
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(TestEvents.evaluated(start.plusMillis(i * 1500L), exchange, "A" + i, "watches", "omega",
                    i % 3 == 0 ? null : "u" + (i % 7), "12.34", 1 + i % 5));
        }
        kafka.sendAll(topic, events);
        IngestMetrics metrics = metrics(topic);
        ClickHouseBatchSink real = sink(metrics);

        AtomicReference<TopicIngestor> crashing = new AtomicReference<>();
        crashing.set(start(topic, group, (batch, cancellation) -> {
            real.write(batch, cancellation);
            crashing.get().halt();
            throw new IllegalStateException("killed after the insert, before the offset commit");
        }));
        assertThat(crashing.get().awaitTermination(Duration.ofSeconds(60))).isTrue();
        double insertedBeforeCrash = rowsWritten();
        assertThat(insertedBeforeCrash).isPositive();
        assertThat(kafka.committed(group)).isEmpty();

        TopicIngestor restarted = start(topic, group, real);
        await().atMost(Duration.ofSeconds(90)).until(() -> kafka.lag(group, topic) == 0);

        assertThat(restarted.storedRecords()).isEqualTo(n);
        assertThat(rowsWritten()).isEqualTo(insertedBeforeCrash + n);
        assertThat(countOnce(exchange)).isEqualTo(n);
        List<SummaryRow> rows = summaries.summarize(new SummaryQuery(start, start.plus(Duration.ofDays(1)),
                SummaryGrouping.EXCHANGE, null));
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.key()).isEqualTo(exchange);
            assertThat(row.evaluations()).isEqualTo(n);
            assertThat(row.bids()).isEqualTo(n - n / 3);
        });
    }

    @Test
    void poisonRecordsGoToTheDltWithTheirReasonAndTheRecordsAfterThemAreWritten() {
        String topic = newTopic("poison");
        String group = Isolation.uniqueId("poison");
        String exchange = "ex-poison";
        Instant at = Instant.parse("2026-02-04T10:00:00Z");
        String key = exchange + ":same-partition";
        int before = 700;
        List<EventEnvelope<?>> first = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            first.add(TestEvents.evaluated(at, exchange, "same-partition", "watches", "omega", "u1", "1.00", 1));
        }
        kafka.sendAll(topic, first);
        String valid = TestEvents.json(TestEvents.evaluated(at, exchange, "P1", "watches", "omega", "u1", "10.00", 1));
        kafka.send(topic, key, valid);
        kafka.send(topic, key, "{not json");
        kafka.send(topic, key, TestEvents.json(TestEvents.evaluated(at, exchange, "P2", null, null, null, null, 2)));
        kafka.send(topic, key, valid.replaceFirst("\"eventId\":\"[^\"]+\",", ""));
        kafka.send(topic, key, TestEvents.json(TestEvents.result(at, exchange, "P1", "watches", "omega", "u1",
                "10.00", "WON", "9.99")).replace("9.99", "9.999"));
        kafka.send(topic, key, TestEvents.json(TestEvents.result(at, exchange, "P1", "watches", "omega", "u1",
                "10.00", "WON", "9.99")));
        IngestMetrics metrics = metrics(topic);

        start(topic, group, sink(metrics));
        await().atMost(Duration.ofSeconds(60)).until(() -> kafka.lag(group, topic) == 0);

        assertThat(countOnce(exchange)).isEqualTo(before + 3);
        List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(Topics.deadLetter(topic), 3, Duration.ofSeconds(30));
        assertThat(dead).hasSize(3);
        assertThat(dead).extracting(r -> header(r, "kafka_dlt-exception-message")).satisfiesExactly(
                reason -> assertThat(reason).contains("not JSON"),
                reason -> assertThat(reason).contains("missing eventId"),
                reason -> assertThat(reason).contains("payload.clearingPrice"));
        assertThat(dead).extracting(r -> ByteBuffer.wrap(r.headers().lastHeader("kafka_dlt-original-offset").value())
                .getLong()).containsExactly(before + 1L, before + 3L, before + 4L);
        assertThat(dead).extracting(r -> header(r, "kafka_dlt-original-topic")).containsOnly(topic);
        assertThat(new String(dead.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(registry.get("oktioneer.dlt.records").tag("topic", topic).counter().count()).isEqualTo(3);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
