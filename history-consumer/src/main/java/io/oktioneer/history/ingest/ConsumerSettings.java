package io.oktioneer.history.ingest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka consumer configuration of an ingestor.
 *
 * <p>The fetch defaults make one poll bring a useful batch rather than the one or two records that arrived since
 * the last fetch: the broker holds a fetch until {@link #FETCH_MIN_BYTES} are there or half the batch linger has
 * passed (at most 500 ms, Kafka's own default wait). At a steady low rate that is a couple of fetches per second
 * per topic instead of one per record produced, each of which costs the broker and the consumer a round trip and
 * a loop iteration. Under backlog the broker answers at once, so throughput is unchanged.
 */
public final class ConsumerSettings {

    /** What the broker waits for before answering a fetch (about 1,400 auction events). */
    static final int FETCH_MIN_BYTES = 1 << 20;
    static final int MAX_POLL_RECORDS = 5000;
    private static final Duration MAX_FETCH_WAIT = Duration.ofMillis(500);
    private static final Duration MIN_FETCH_WAIT = Duration.ofMillis(10);

    private ConsumerSettings() {
    }

    /**
     * {@code base} (Spring's {@code spring.kafka.*} consumer settings, which win over the defaults here) with what
     * the ingest loop relies on forced: bytes in, manual commits, the history group. Defaults: history starts
     * from the earliest record, a poll returns up to 5,000 records, and fetches wait for 1 MB or half
     * {@code batchLinger} (at most 500 ms).
     */
    public static Map<String, Object> forTable(Map<String, Object> base, String groupId, String table,
                                               Duration batchLinger) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait(batchLinger).toMillis());
        config.putAll(base);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "history-consumer-" + table);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** Half the linger (10..500 ms): holding a fetch delays a record's insert by at most that much. */
    static Duration fetchMaxWait(Duration batchLinger) {
        Duration half = batchLinger.dividedBy(2);
        if (half.compareTo(MIN_FETCH_WAIT) < 0) {
            return MIN_FETCH_WAIT;
        }
        return half.compareTo(MAX_FETCH_WAIT) > 0 ? MAX_FETCH_WAIT : half;
    }
}
