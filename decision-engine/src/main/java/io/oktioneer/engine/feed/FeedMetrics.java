package io.oktioneer.engine.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The feed's meters: the consumer lag of each topic ({@code oktioneer.consumer.lag}) and the records read, by
 * what became of them ({@code oktioneer.engine.feed.records}). Updated on the feed thread only.
 */
final class FeedMetrics {

    private enum Kind {
        PREFERENCES, AUCTIONS
    }

    private final TopicProperties topics;
    private final Map<Kind, AtomicLong> lag = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<FeedRecords.Result, Counter>> counters = new EnumMap<>(Kind.class);

    FeedMetrics(MeterRegistry meters, TopicProperties topics, String application) {
        this.topics = topics;
        for (Kind kind : Kind.values()) {
            AtomicLong value = new AtomicLong(-1);
            lag.put(kind, value);
            Gauge.builder("oktioneer.consumer.lag", value, v -> v.get() < 0 ? Double.NaN : v.get())
                    .description("Records of the topic not yet applied to the index")
                    .tags("topic", topic(kind), "group", application)
                    .register(meters);
            Map<FeedRecords.Result, Counter> byResult = new EnumMap<>(FeedRecords.Result.class);
            for (FeedRecords.Result result : FeedRecords.Result.values()) {
                byResult.put(result, Counter.builder("oktioneer.engine.feed.records")
                        .description("Kafka records read by the engine's feed, by what became of them")
                        .tags("topic", topic(kind), "result", result.tag())
                        .register(meters));
            }
            counters.put(kind, byResult);
        }
    }

    void count(boolean preferences, FeedRecords.Result result) {
        counters.get(preferences ? Kind.PREFERENCES : Kind.AUCTIONS).get(result).increment();
    }

    /** Records behind the end of the topics being loaded, or -1 when not known yet. */
    long lag() {
        long preferences = lag.get(Kind.PREFERENCES).get();
        long auctions = lag.get(Kind.AUCTIONS).get();
        return preferences < 0 ? -1 : preferences + Math.max(0, auctions);
    }

    /** Measures how far the consumer's positions are behind the end offsets of its partitions. */
    void refreshLag(KafkaConsumer<String, String> c, Duration timeout) {
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends = c.endOffsets(assigned, timeout);
        long preferences = 0;
        long auctions = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            long behind = Math.max(0, end.getValue() - c.position(end.getKey(), timeout));
            if (end.getKey().topic().equals(topics.auctions())) {
                auctions += behind;
            } else {
                preferences += behind;
            }
        }
        lag.get(Kind.PREFERENCES).set(preferences);
        if (assigned.stream().anyMatch(p -> p.topic().equals(topics.auctions()))) {
            lag.get(Kind.AUCTIONS).set(auctions);
        }
    }

    private String topic(Kind kind) {
        return kind == Kind.PREFERENCES ? topics.preferences() : topics.auctions();
    }
}
