package io.oktioneer.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.AuctionEventsTable;
import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.HistorySchema;
import io.oktioneer.history.events.PreferenceEventsTable;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * The Kafka → ClickHouse pipeline, switched off with {@code oktioneer.history.enabled=false}: one batch-listener
 * container per topic, started with the application and stopped (after its batch in hand) at shutdown. Nothing
 * here needs Kafka or ClickHouse to be up at start: the consumers wait and the error handler retries.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "oktioneer.history.enabled", matchIfMissing = true)
class IngestConfiguration {

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry, TopicProperties topics) {
        return new IngestMetrics(registry, List.of(AuctionEventsTable.NAME, PreferenceEventsTable.NAME),
                List.of(topics.auctions(), topics.preferences()));
    }

    @Bean(destroyMethod = "close")
    DeadLetters deadLetters(KafkaProperties kafka, KafkaAdmin admin, IngestMetrics metrics) {
        return new DeadLetters(kafka.buildProducerProperties(), admin, metrics);
    }

    @Bean(destroyMethod = "close")
    ConsumerLagMonitor consumerLagMonitor(KafkaProperties kafka, IngestProperties properties, TopicProperties topics,
                                          MeterRegistry registry) {
        ConsumerLagMonitor monitor = new ConsumerLagMonitor(kafka.buildAdminProperties(), properties.groupId(),
                List.of(topics.auctions(), topics.preferences()), registry);
        monitor.start(properties.lagInterval());
        return monitor;
    }

    @Bean
    DefaultKafkaConsumerFactory<byte[], byte[]> historyConsumerFactory(KafkaProperties kafka,
                                                                      IngestProperties properties,
                                                                      MeterRegistry registry) {
        return IngestContainers.consumerFactory(ConsumerSettings.forGroup(kafka.buildConsumerProperties(),
                properties.groupId(), properties.settings()), registry);
    }

    @Bean
    DefaultErrorHandler historyErrorHandler(DeadLetters deadLetters, IngestProperties properties) {
        return IngestContainers.errorHandler(deadLetters, properties.settings());
    }

    @Bean
    RecordTracing recordTracing(ObjectProvider<Propagator> propagator) {
        Propagator available = propagator.getIfAvailable();
        return available == null ? RecordTracing.NONE : new MicrometerRecordTracing(available);
    }

    @Bean
    ConcurrentMessageListenerContainer<byte[], byte[]> auctionEventsContainer(
            TopicProperties topics, TableContainers containers) {
        return containers.container(topics.auctions(), new AuctionEventsTable(HistorySchema.eventMapper()));
    }

    @Bean
    ConcurrentMessageListenerContainer<byte[], byte[]> preferenceEventsContainer(
            TopicProperties topics, TableContainers containers) {
        return containers.container(topics.preferences(), new PreferenceEventsTable(HistorySchema.eventMapper()));
    }

    @Bean
    TableContainers tableContainers(DefaultKafkaConsumerFactory<byte[], byte[]> historyConsumerFactory,
                                    DefaultErrorHandler historyErrorHandler, ClickHouseClient clickHouse,
                                    SchemaManager schema, IngestMetrics metrics, RecordTracing recordTracing,
                                    IngestProperties properties) {
        return (topic, table) -> IngestContainers.container(topic, historyConsumerFactory,
                new TableBatchListener(table, new ClickHouseBatchSink(table, clickHouse, schema, metrics),
                        recordTracing), historyErrorHandler, properties.settings());
    }

    /** Builds the container of one topic and its table. */
    @FunctionalInterface
    interface TableContainers {
        ConcurrentMessageListenerContainer<byte[], byte[]> container(String topic, EventTable table);
    }
}
