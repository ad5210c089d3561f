package io.oktioneer.preference.outbox;

import io.oktioneer.support.outbox.OutboxConfiguration;
import io.oktioneer.support.outbox.OutboxDefinition;
import io.oktioneer.support.outbox.OutboxProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The preferences outbox: table {@code outbox}, the compacted topic {@code oktioneer.preferences.v1} (created by
 * the relay when missing; switched to {@code cleanup.policy=compact} if it exists otherwise, through
 * {@code spring.kafka.admin.modify-topic-configs}). Writes wake the relay after their commit
 * ({@link PreferenceOutbox}); they are not handed over, so that each key stays in commit order across instances.
 */
@Configuration(proxyBeanMethods = false)
@Import(OutboxConfiguration.class)
class PreferenceOutboxConfiguration {

    @Bean
    NewTopic preferencesTopic(TopicProperties topics, OutboxProperties outbox) {
        return TopicBuilder.name(topics.preferences()).partitions(outbox.topicPartitions()).compact().build();
    }

    @Bean
    OutboxDefinition preferencesOutbox(NewTopic preferencesTopic) {
        return new OutboxDefinition("outbox", preferencesTopic);
    }
}
