package io.oktioneer.support.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.SendResult;

/**
 * Sends outbox rows with a {@link KafkaTemplate} of the relay's own: an idempotent producer ({@code acks=all},
 * at most 5 requests in flight, so retries keep the order), the template's observation and per-send timer off
 * (the record carries its writer's {@code traceparent}, not the relay's). After a failed batch the producer is
 * replaced, so the rows sent again start a fresh idempotent sequence. Before the first send the topic is created
 * through {@link KafkaAdmin} when missing (its configs, e.g. compaction, applied when the admin modifies topic
 * configs) and must have a leader for every partition: an idempotent producer bursting into a topic that a first
 * send auto-created was seen to stall on sequence errors until its delivery timeout.
 */
final class KafkaOutboxSender implements OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(KafkaOutboxSender.class);
    private static final int CLOSE_TIMEOUT_SECONDS = 5;

    private final DefaultKafkaProducerFactory<String, String> producers;
    private final KafkaTemplate<String, String> kafka;
    private final KafkaAdmin admin;
    private final NewTopic topic;
    private final Counter publishErrors;
    private boolean topicReady;

    KafkaOutboxSender(Map<String, Object> producerProperties, KafkaAdmin admin, NewTopic topic, MeterRegistry registry) {
        this.producers = new DefaultKafkaProducerFactory<>(producerProperties, new StringSerializer(),
                new StringSerializer());
        this.producers.setPhysicalCloseTimeout(CLOSE_TIMEOUT_SECONDS);
        this.kafka = new KafkaTemplate<>(producers);
        this.kafka.setMicrometerEnabled(false);
        this.kafka.setObservationEnabled(false);
        this.kafka.setProducerListener(new ProducerListener<>() { }); // failures are logged once per batch below
        this.admin = admin;
        this.topic = topic;
        this.publishErrors = Counter.builder("oktioneer.kafka.publish.errors").tag("topic", topic.name())
                .description("Outbox records Kafka did not acknowledge").register(registry);
    }

    /**
     * The service's producer settings ({@code spring.kafka.producer.*}) with what the outbox needs: idempotence,
     * {@code acks=all}, ≤ 5 in flight; unless set there, {@code linger.ms} 2 and {@code batch.size} 64 KiB (the
     * relay sends batches of up to {@code batch-size} rows at once).
     */
    static Map<String, Object> producerProperties(Map<String, Object> service, String clientId) {
        Map<String, Object> properties = new HashMap<>(service);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        properties.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return properties;
    }

    @Override
    public int send(List<OutboxRecord> rows) throws InterruptedException {
        ensureTopic();
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
        try {
            for (OutboxRecord row : rows) {
                CompletableFuture<SendResult<String, String>> send = kafka.send(record(row));
                sends.add(send);
                if (send.isCompletedExceptionally()) {
                    break; // not even queued (no metadata within max.block.ms): the next ones would wait as long
                }
            }
        } catch (RuntimeException e) {
            log.warn("outbox relay: send to {} failed: {}", topic.name(), e.toString());
        }
        int acknowledged = 0;
        try {
            for (; acknowledged < sends.size(); acknowledged++) {
                sends.get(acknowledged).get();
            }
        } catch (ExecutionException e) {
            OutboxRecord row = rows.get(acknowledged);
            log.warn("outbox relay: Kafka did not acknowledge row {} (key {}) on {}: {}", row.id(), row.key(),
                    topic.name(), e.getCause().toString());
        }
        if (acknowledged < rows.size()) {
            publishErrors.increment(rows.size() - acknowledged);
            producers.reset();
        }
        return acknowledged;
    }

    private ProducerRecord<String, String> record(OutboxRecord row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic.name(), row.key(), row.payload());
        if (row.traceparent() != null) {
            record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        admin.createOrModifyTopics(topic);
        TopicDescription description = admin.describeTopics(topic.name()).get(topic.name());
        if (description == null || description.partitions().stream()
                .anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
            throw new IllegalStateException("topic " + topic.name() + " has no leader for every partition yet");
        }
        topicReady = true;
    }

    @Override
    public void close() {
        producers.destroy();
    }
}
