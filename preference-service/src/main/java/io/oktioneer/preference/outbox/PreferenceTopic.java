package io.oktioneer.preference.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Makes sure the preferences topic exists and is compacted before the relay first publishes to it: created
 * when missing, switched to {@code cleanup.policy=compact} if someone (a consumer with broker auto-creation)
 * created it otherwise. Done by the relay, not at start, so a Kafka outage at start delays nothing.
 */
@Component
class PreferenceTopic {

    private static final Logger log = LoggerFactory.getLogger(PreferenceTopic.class);

    private final KafkaAdmin kafkaAdmin;
    private final String topic;
    private final int partitions;
    private volatile boolean ready;

    PreferenceTopic(KafkaAdmin kafkaAdmin, TopicProperties topics, OutboxProperties properties) {
        this.kafkaAdmin = kafkaAdmin;
        this.topic = topics.preferences();
        this.partitions = properties.topicPartitions();
    }

    String name() {
        return topic;
    }

    void ensureCompacted() throws ExecutionException, InterruptedException {
        if (ready) {
            return;
        }
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            if (!existing.contains(topic)) {
                NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(newTopic)).all().get();
                    log.info("created compacted topic {} with {} partitions", topic, partitions);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config current = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            ConfigEntry policy = current.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                log.warn("topic {} has cleanup.policy={}; switching it to compact", topic,
                        policy == null ? null : policy.value());
                AlterConfigOp compact = new AlterConfigOp(new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET);
                admin.incrementalAlterConfigs(Map.of(resource, List.of(compact))).all().get();
            }
        }
        ready = true;
    }
}
