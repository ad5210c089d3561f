package io.oktioneer.history.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka consumer configuration of the ingest listeners.
 *
 * <p>A poll is a batch, so the fetch settings cut the batches: the broker holds a fetch until
 * {@code batchMaxBytes} are there or {@code batchLinger} has passed, a fetch brings at most about that much (of
 * Kafka's record bytes), and a poll returns at most {@code batchMaxRows} records. At a steady rate that is about one poll (one INSERT) per
 * linger per consumer instead of one per record produced; under a backlog the broker answers at once with full
 * fetches, so catch-up is not slowed.
 */
public final class ConsumerSettings {

    private static final Duration MAX_FETCH_WAIT = Duration.ofSeconds(10);
    private static final Duration MIN_FETCH_WAIT = Duration.ofMillis(10);

    private ConsumerSettings() {
    }

    /**
     * {@code base} (Spring's {@code spring.kafka.*} consumer settings, which win over the defaults here) with what
     * the listeners rely on forced: bytes in, no auto-commit (the container commits after a batch is stored), the
     * history group. Defaults: history starts from the earliest record, and the batch cut above.
     */
    public static Map<String, Object> forGroup(Map<String, Object> base, String groupId, IngestSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchMaxRows());
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, settings.batchMaxBytes());
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.batchMaxBytes());
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, settings.batchMaxBytes());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait(settings.batchLinger()).toMillis());
        config.putAll(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** The linger, within 10 ms .. 10 s (a fetch must be answered well within Kafka's request timeout). */
    static Duration fetchMaxWait(Duration batchLinger) {
        if (batchLinger.compareTo(MIN_FETCH_WAIT) < 0) {
            return MIN_FETCH_WAIT;
        }
        return batchLinger.compareTo(MAX_FETCH_WAIT) > 0 ? MAX_FETCH_WAIT : batchLinger;
    }
}
