package io.oktioneer.history.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code oktioneer.consumer.lag{topic, group}}: records between the group's committed offsets and the log end,
 * summed over a topic's partitions (a partition with nothing committed yet counts from its log start). Read
 * with an admin client on its own schedule, so it keeps growing while the consumer waits for ClickHouse, and
 * keeps its last value while Kafka cannot be asked.
 *
 * <p>Kept beside the Kafka client's own metrics ({@code kafka_consumer_fetch_manager_records_lag*}, registered by
 * Spring Kafka's {@code MicrometerConsumerListener}): those measure from each consumer's fetch position (up to a
 * batch ahead of what is stored), are refreshed only when it fetches (during a ClickHouse outage once per retry),
 * and vanish with the consumer, so a stopped or crashed group shows no lag at all. This one, what the alert and
 * the dashboard read, counts from the committed offsets, whether the group is running or not.
 */
public final class ConsumerLagMonitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLagMonitor.class);
    private static final long TIMEOUT_SECONDS = 5;

    private final Admin admin;
    private final String groupId;
    private final List<String> topics;
    private final Map<String, AtomicLong> lag = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private boolean started;

    public ConsumerLagMonitor(Map<String, Object> adminConfig, String groupId, List<String> topics,
                              MeterRegistry registry) {
        this.admin = Admin.create(adminConfig);
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        for (String topic : topics) {
            AtomicLong value = new AtomicLong();
            lag.put(topic, value);
            Gauge.builder("oktioneer.consumer.lag", value, AtomicLong::get)
                    .description("Records behind the log end (committed offsets)")
                    .tag("topic", topic).tag("group", groupId).register(registry);
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("history-lag").daemon(true).factory());
    }

    /** Starts refreshing every {@code interval}; later calls do nothing. */
    public synchronized void start(Duration interval) {
        if (started) {
            return;
        }
        started = true;
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public long lag(String topic) {
        return lag.get(topic).get();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Consumer lag not refreshed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Consumer lag not refreshed", e);
        }
    }

    /** Reads committed and end offsets now. */
    public void refresh() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        admin.describeTopics(topics).topicNameValues().forEach((topic, future) -> {
            try {
                TopicDescription description = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                partitions.put(topic, description.partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    partitions.put(topic, List.of());
                }
            } catch (TimeoutException e) {
                // Keep the last value.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.values().forEach(list -> list.forEach(partition -> {
            latest.put(partition, OffsetSpec.latest());
            if (committed.get(partition) == null) {
                earliest.put(partition, OffsetSpec.earliest());
            }
        }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = latest.isEmpty() ? Map.of()
                : admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                : admin.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        partitions.forEach((topic, list) -> {
            long total = 0;
            for (TopicPartition partition : list) {
                long end = ends.get(partition).offset();
                OffsetAndMetadata done = committed.get(partition);
                long from = done != null ? done.offset() : starts.get(partition).offset();
                total += Math.max(0, end - from);
            }
            lag.get(topic).set(total);
        });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
