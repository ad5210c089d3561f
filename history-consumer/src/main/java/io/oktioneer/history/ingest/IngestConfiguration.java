package io.oktioneer.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.propagation.Propagator;
import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.AuctionEventsTable;
import io.oktioneer.history.events.HistorySchema;
import io.oktioneer.history.events.PreferenceEventsTable;
import java.util.List;
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
                table -> ConsumerSettings.forTable(kafka.buildConsumerProperties(), properties.groupId(), table,
                        properties.batchLinger()),
                clickHouse, schema, deadLetters, metrics, properties, tracing, lagMonitor);
    }
}
