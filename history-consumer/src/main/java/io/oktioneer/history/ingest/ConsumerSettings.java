package io.oktioneer.history.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The Kafka consumer configuration of an ingestor. */
public final class ConsumerSettings {

    private ConsumerSettings() {
    }

    /**
     * {@code base} (Spring's {@code spring.kafka.*} consumer settings) with what the ingest loop relies on forced:
     * bytes in, manual commits, the history group. History starts from the earliest record unless configured
     * otherwise; a poll returns up to 5,000 records.
     */
    public static Map<String, Object> forTable(Map<String, Object> base, String groupId, String table) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.putAll(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "history-consumer-" + table);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }
}
