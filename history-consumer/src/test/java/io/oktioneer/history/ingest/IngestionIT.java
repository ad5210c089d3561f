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
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.AuctionEventsTable;
import io.oktioneer.history.events.HistorySchema;
import io.oktioneer.history.events.PoisonRecordException;
import io.oktioneer.history.support.HistorySettings;
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
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.CommonContainerStoppingErrorHandler;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The production listener containers against the real Kafka and ClickHouse, without a Spring context:
 * at-least-once delivery made exactly-once in the numbers (a crash between insert and commit, a rebalance under
 * load), and poison records dead-lettered without blocking their partition.
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
    private final List<ConcurrentMessageListenerContainer<byte[], byte[]>> containers = new ArrayList<>();
    private DeadLetters deadLetters;

    @BeforeAll
    static void servers() {
        kafka = new KafkaFixture(SERVERS.kafkaBootstrapServers());
        clickHouse = new ClickHouseClient(HistorySettings.clickHouse(SERVERS.clickhouseUrl(), SERVERS.clickhouseUser(),
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
    void stopContainers() {
        containers.forEach(ConcurrentMessageListenerContainer::stop);
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

    private static ClickHouseBatchSink sink(IngestMetrics metrics) {
        return new ClickHouseBatchSink(new AuctionEventsTable(HistorySchema.eventMapper()), clickHouse, schema,
                metrics);
    }

    private static TableBatchListener listener(BatchSink sink) {
        return new TableBatchListener(new AuctionEventsTable(HistorySchema.eventMapper()), sink, RecordTracing.NONE);
    }

    /** The production error handler, dead-lettering to the real Kafka. */
    private DefaultErrorHandler errorHandler(IngestMetrics metrics) {
        if (deadLetters == null) {
            Map<String, Object> bootstrap = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
            deadLetters = new DeadLetters(bootstrap, new KafkaAdmin(bootstrap), metrics);
        }
        return IngestContainers.errorHandler(deadLetters, settings());
    }

    /** One consumer, so that which records are inserted how often is deterministic (no rebalance among them). */
    private static IngestSettings settings() {
        return HistorySettings.ingest().withLinger(Duration.ofMillis(300))
                .withRetry(Duration.ofMillis(100), Duration.ofSeconds(1)).withConcurrency(1);
    }

    /** The production container and consumer settings (fetches held for a useful batch); the linger is shorter. */
    private ConcurrentMessageListenerContainer<byte[], byte[]> start(String topic, String group,
                                                                    TableBatchListener listener,
                                                                    CommonErrorHandler errorHandler) {
        Map<String, Object> config = ConsumerSettings.forGroup(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()), group, settings());
        ConcurrentMessageListenerContainer<byte[], byte[]> container = IngestContainers.container(topic,
                IngestContainers.consumerFactory(config, registry), listener, errorHandler, settings());
        containers.add(container);
        container.start();
        return container;
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

        // The stopping error handler ends the consumer at the listener's failure: no commit, like a crash.
        ConcurrentMessageListenerContainer<byte[], byte[]> crashing = start(topic, group, listener(rows -> {
            real.write(rows);
            throw new IllegalStateException("killed after the insert, before the offset commit");
        }), new CommonContainerStoppingErrorHandler());
        await().atMost(Duration.ofSeconds(60)).until(() -> crashing.getContainers().stream()
                .noneMatch(MessageListenerContainer::isRunning));
        crashing.stop();
        double insertedBeforeCrash = rowsWritten();
        assertThat(insertedBeforeCrash).isPositive();
        assertThat(kafka.committed(group)).isEmpty();

        TableBatchListener restarted = listener(real);
        start(topic, group, restarted, errorHandler(metrics));
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

        start(topic, group, listener(sink(metrics)), errorHandler(metrics));
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
        assertThat(dead).extracting(r -> header(r, "kafka_dlt-original-consumer-group")).containsOnly(group);
        assertThat(dead).extracting(r -> header(r, "kafka_dlt-exception-fqcn"))
                .containsOnly(PoisonRecordException.class.getName());
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsOnly(key);
        assertThat(new String(dead.getFirst().value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(registry.get("oktioneer.dlt.records").tag("topic", topic).counter().count()).isEqualTo(3);
    }

    @Test
    void aRebalanceUnderLoadLosesNothingAndCountsEveryEventOnce() {
        String topic = newTopic("rebalance");
        String group = Isolation.uniqueId("rebalance");
        String exchange = "ex-rebalance";
        Instant start = Instant.parse("2026-02-05T10:00:00Z");
        IngestMetrics metrics = metrics(topic);
        int n = 3000;
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(TestEvents.evaluated(start.plusMillis(i * 10L), exchange, "R" + i, "watches", "omega", "u1",
                    "1.00", 1));
        }

        ConcurrentMessageListenerContainer<byte[], byte[]> first = start(topic, group, listener(sink(metrics)),
                errorHandler(metrics));
        kafka.sendAll(topic, events.subList(0, n / 3));
        // A second instance joins (partitions move to it), then the first leaves, while events keep coming.
        start(topic, group, listener(sink(metrics)), errorHandler(metrics));
        kafka.sendAll(topic, events.subList(n / 3, 2 * n / 3));
        first.stop();
        kafka.sendAll(topic, events.subList(2 * n / 3, n));
        await().atMost(Duration.ofSeconds(90)).until(() -> kafka.lag(group, topic) == 0);

        assertThat(countOnce(exchange)).isEqualTo(n);
        assertThat(rowsWritten()).isGreaterThanOrEqualTo(n);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
