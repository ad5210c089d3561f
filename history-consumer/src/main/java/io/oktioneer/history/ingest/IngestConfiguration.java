package io.oktioneer.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.AuctionEventsTable;
import io.oktioneer.history.events.HistorySchema;
import io.oktioneer.history.events.PreferenceEventsTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka → ClickHouse pipeline, switched off with {@code oktioneer.history.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "oktioneer.history.enabled", matchIfMissing = true)
class IngestConfiguration {

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry, TopicProperties topics) {
        return new IngestMetrics(registry, List.of(AuctionEventsTable.NAME, PreferenceEventsTable.NAME),
                List.of(topics.auctions(), topics.preferences()));
    }

    @Bean(destroyMethod = "close")
    DeadLetterPublisher deadLetterPublisher(KafkaProperties kafka, IngestProperties properties,
                                            IngestMetrics metrics) {
        return new DeadLetterPublisher(kafka.buildProducerProperties(), kafka.buildAdminProperties(),
                properties.groupId(), metrics);
    }

    @Bean(destroyMethod = "close")
    ConsumerLagMonitor consumerLagMonitor(KafkaProperties kafka, IngestProperties properties, TopicProperties topics,
                                          MeterRegistry registry) {
        return new ConsumerLagMonitor(kafka.buildAdminProperties(), properties.groupId(),
                List.of(topics.auctions(), topics.preferences()), registry);
    }

    @Bean
    HistoryIngestion historyIngestion(TopicProperties topics, KafkaProperties kafka, IngestProperties properties,
                                      ClickHouseClient clickHouse, SchemaManager schema,
                                      DeadLetterPublisher deadLetters, IngestMetrics metrics,
                                      ObjectProvider<Propagator> propagator, ConsumerLagMonitor lagMonitor) {
        JsonMapper mapper = HistorySchema.eventMapper();
        RecordTracing tracing = propagator.getIfAvailable() == null ? RecordTracing.NONE
                : new MicrometerRecordTracing(propagator.getObject());
        return new HistoryIngestion(
                List.of(new HistoryIngestion.Route(topics.auctions(), new AuctionEventsTable(mapper)),
                        new HistoryIngestion.Route(topics.preferences(), new PreferenceEventsTable(mapper))),
                table -> consumerConfig(kafka, properties, table), clickHouse, schema, deadLetters, metrics,
                properties, tracing, lagMonitor);
    }

    /**
     * Spring's {@code spring.kafka.*} consumer settings, with what this loop relies on forced: bytes in, manual
     * commits, this service's group. History starts from the earliest record unless configured otherwise.
     */
    static Map<String, Object> consumerConfig(KafkaProperties kafka, IngestProperties properties, String table) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
        config.putAll(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "history-consumer-" + table);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }
}
