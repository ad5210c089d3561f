package io.oktioneer.engine.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.engine.decision.IndexReadiness;
import io.oktioneer.engine.index.PreferenceIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Feeds the index from Kafka on one thread (the index's single writer).
 *
 * <p>Every instance holds the whole index, so there is no consumer group: the feed assigns itself every
 * partition and tracks its own positions. At start it reads the preferences topic from the beginning up to the
 * end offsets it saw when it started, then (with {@code replay-budgets}) the auctions topic the same way, so that
 * ledger snapshots find their preferences; only then is it {@linkplain #caughtUp() caught up} and readiness
 * reports UP. From then on it follows both topics live (a change is applied milliseconds after it is
 * published). A broker that is down is retried forever; a record that cannot be used is logged, counted and
 * skipped.
 */
@Component
public class PreferenceFeed implements SmartLifecycle, IndexReadiness {

    /** Where the feed is. */
    public enum Phase {
        STARTING, LOADING_PREFERENCES, LOADING_BUDGETS, LIVE, STOPPED
    }

    private static final Logger log = LoggerFactory.getLogger(PreferenceFeed.class);
    private static final Duration KAFKA_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final long LAG_REFRESH_NANOS = 1_000_000_000L;

    private final KafkaProperties kafka;
    private final TopicProperties topics;
    private final FeedProperties properties;
    private final FeedRecords records;
    private final FeedMetrics metrics;

    /** Next offset to read of every partition seen; survives a consumer being replaced. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** End offsets to reach before the current loading phase is over. */
    private final Map<TopicPartition, Long> targets = new HashMap<>();

    private volatile Phase phase = Phase.STARTING;
    private volatile boolean running;
    private volatile String problem = "not started";
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;
    private long nextPartitionRefresh;
    private long nextLagRefresh;

    PreferenceFeed(KafkaProperties kafka, TopicProperties topics, FeedProperties properties, PreferenceIndex index,
                   MeterRegistry meters, @Value("${spring.application.name}") String application) {
        this.kafka = kafka;
        this.topics = topics;
        this.properties = properties;
        this.records = new FeedRecords(index);
        this.metrics = new FeedMetrics(meters, topics, application);
    }

    public Phase phase() {
        return phase;
    }

    /** True once the start-up load finished; stays true (the index keeps serving if Kafka goes away later). */
    public boolean caughtUp() {
        return phase == Phase.LIVE;
    }

    @Override
    public boolean indexLoaded() {
        return caughtUp();
    }

    /** The last Kafka problem while loading, or null. */
    public String problem() {
        return problem;
    }

    /** Records behind the end of the topics being loaded, or -1 when not known yet. */
    public long lag() {
        return metrics.lag();
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("engine-feed").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(KAFKA_CALL_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        phase = Phase.STOPPED;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = FeedConsumers.create(kafka)) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                // stop() woke the consumer up
            } catch (RuntimeException e) {
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("Kafka feed error, retrying in {}: {}", properties.retryBackoff(), problem);
                pause(properties.retryBackoff());
            } finally {
                consumer = null;
            }
        }
    }

    private void follow(KafkaConsumer<String, String> c) {
        nextPartitionRefresh = 0;
        if (phase == Phase.STARTING) {
            phase = Phase.LOADING_PREFERENCES;
        }
        while (running) {
            long now = System.nanoTime();
            if (now >= nextPartitionRefresh) {
                assign(c);
                nextPartitionRefresh = now + properties.partitionRefresh().toNanos();
            }
            if (c.assignment().isEmpty()) {
                pause(properties.pollTimeout()); // no topic exists yet: nothing to poll
            } else {
                ConsumerRecords<String, String> polled = c.poll(properties.pollTimeout());
                for (ConsumerRecord<String, String> record : polled) {
                    apply(record);
                    positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
            }
            if (now >= nextLagRefresh || phase != Phase.LIVE) {
                metrics.refreshLag(c, KAFKA_CALL_TIMEOUT);
                nextLagRefresh = now + LAG_REFRESH_NANOS;
            }
            if (phase != Phase.LIVE && loaded(c)) {
                advance(c);
            }
        }
    }

    /** Assigns every partition of the topics of the current phase; new partitions start at their beginning. */
    private void assign(KafkaConsumer<String, String> c) {
        List<TopicPartition> wanted = new ArrayList<>(partitions(c, topics.preferences()));
        if (phase != Phase.LOADING_PREFERENCES) {
            wanted.addAll(partitions(c, topics.auctions()));
        }
        if (new HashSet<>(wanted).equals(c.assignment())) {
            return;
        }
        c.assign(wanted);
        List<TopicPartition> fromBeginning = new ArrayList<>();
        List<TopicPartition> fromEnd = new ArrayList<>();
        for (TopicPartition partition : wanted) {
            Long position = positions.get(partition);
            if (position != null) {
                c.seek(partition, position);
            } else if (partition.topic().equals(topics.auctions()) && !properties.replayBudgets()) {
                fromEnd.add(partition);
            } else {
                fromBeginning.add(partition);
            }
        }
        // An empty collection would mean "every assigned partition" to Kafka.
        if (!fromBeginning.isEmpty()) {
            c.seekToBeginning(fromBeginning);
        }
        if (!fromEnd.isEmpty()) {
            c.seekToEnd(fromEnd);
        }
        for (TopicPartition partition : fromEnd) {
            positions.put(partition, c.position(partition, KAFKA_CALL_TIMEOUT));
        }
        log.info("Kafka feed assigned {} partitions ({})", wanted.size(), phase);
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c, String topic) {
        List<PartitionInfo> infos = c.partitionsFor(topic, KAFKA_CALL_TIMEOUT);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        return partitions;
    }

    private void apply(ConsumerRecord<String, String> record) {
        boolean preferences = record.topic().equals(topics.preferences());
        FeedRecords.Result result = preferences
                ? records.preference(record.key(), record.value())
                : records.auction(record.value());
        metrics.count(preferences, result);
        if (result == FeedRecords.Result.REJECTED) {
            log.warn("Skipped an unusable record at {}-{}@{} (key {}): {}", record.topic(), record.partition(),
                    record.offset(), record.key(), records.lastRejection());
        } else if (result == FeedRecords.Result.IGNORED) {
            log.debug("Ignored a record of unknown type at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
        }
    }

    /** True when every partition of the phase being loaded has reached the end offset seen when it began. */
    private boolean loaded(KafkaConsumer<String, String> c) {
        if (targets.isEmpty() || !c.assignment().containsAll(targets.keySet())) {
            targets.clear();
            List<TopicPartition> loading = new ArrayList<>();
            for (TopicPartition partition : c.assignment()) {
                boolean auctions = partition.topic().equals(topics.auctions());
                if (phase == Phase.LOADING_PREFERENCES ? !auctions : auctions) {
                    loading.add(partition);
                }
            }
            targets.putAll(c.endOffsets(loading, KAFKA_CALL_TIMEOUT));
            if (targets.isEmpty()) {
                return true; // the topic has no partitions yet (not created): nothing to load
            }
        }
        for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
            if (c.position(target.getKey(), KAFKA_CALL_TIMEOUT) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void advance(KafkaConsumer<String, String> c) {
        targets.clear();
        if (phase == Phase.LOADING_PREFERENCES) {
            log.info("Preferences loaded");
            phase = Phase.LOADING_BUDGETS;
            assign(c);
            nextPartitionRefresh = System.nanoTime() + properties.partitionRefresh().toNanos();
            if (!properties.replayBudgets()) {
                advance(c);
            }
        } else {
            log.info("Budgets loaded; the index is live");
            phase = Phase.LIVE;
            problem = null;
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
