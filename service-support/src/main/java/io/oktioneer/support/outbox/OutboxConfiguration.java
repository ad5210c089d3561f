package io.oktioneer.support.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The outbox relay and its gauges for the service's {@link OutboxDefinition} bean; a service imports this and
 * declares its definition (table and {@code NewTopic}). Settings: {@link OutboxProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

    /** Public for tests that run a second instance's relay against the same table. */
    @Bean
    public OutboxRelay outboxRelay(OutboxDefinition outbox, DataSource dataSource, KafkaProperties kafka,
                                   KafkaAdmin admin, OutboxProperties properties, MeterRegistry registry,
                                   @Value("${spring.application.name:oktioneer}") String application) {
        OutboxSender sender = new KafkaOutboxSender(KafkaOutboxSender.producerProperties(
                kafka.buildProducerProperties(), application + "-outbox"), admin, outbox.topic(), registry);
        OutboxTable table = new JdbcOutboxTable(dataSource, outbox.table(), properties.leaderLockKey(),
                properties.leaderRetry());
        return new OutboxRelay(table, sender, properties, outbox.topic().name());
    }

    @Bean
    OutboxBacklog outboxBacklog(OutboxDefinition outbox, DataSource dataSource, OutboxProperties properties,
                                MeterRegistry registry) {
        return new OutboxBacklog(dataSource, outbox.table(), properties.backlogRefresh(), registry);
    }
}
