package io.oktioneer.history.ingest;

import io.oktioneer.contracts.Topics;
import io.oktioneer.history.events.PoisonRecordException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The recoverer of the ingest error handler: sends a record that cannot be stored to {@code <topic>.DLT} with
 * Spring Kafka's {@link DeadLetterPublishingRecoverer}: same key, value and headers, plus its {@code kafka_dlt-*}
 * headers (original topic, partition, offset, timestamp, consumer group); the exception headers are the
 * {@link PoisonRecordException}'s, not the wrappers' around it: {@code kafka_dlt-exception-fqcn} its class and
 * {@code kafka_dlt-exception-message} the reason. The partition is left to the producer (a DLT may have fewer partitions than its topic),
 * and the DLT topic is created on first use when the broker does not have it. The send is acknowledged before
 * the record's offset is committed; a failed send throws, so the record is consumed again.
 */
public final class DeadLetters implements ConsumerAwareRecordRecoverer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final DeadLetterPublishingRecoverer publisher;
    private final KafkaAdmin admin;
    private final IngestMetrics metrics;
    private final Set<String> existingTopics = ConcurrentHashMap.newKeySet();

    public DeadLetters(Map<String, Object> producerConfig, KafkaAdmin admin, IngestMetrics metrics) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "history-consumer-dlt");
        this.producers = new DefaultKafkaProducerFactory<>(config);
        this.publisher = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        this.publisher.setExceptionHeadersCreator((headers, exception, isKey, names) -> {
            Exception reason = poisonIn(exception);
            headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
            headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE,
                    String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        });
        this.admin = admin;
        this.metrics = metrics;
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        String deadLetterTopic = Topics.deadLetter(record.topic());
        ensureTopic(deadLetterTopic);
        publisher.accept(record, consumer, exception);
        log.warn("Record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                deadLetterTopic, poisonIn(exception).getMessage());
        metrics.deadLettered(record.topic());
    }

    /** The {@link PoisonRecordException} the listener threw, inside the container's and error handler's wrappers. */
    private static Exception poisonIn(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException poison) {
                return poison;
            }
        }
        return exception;
    }

    private void ensureTopic(String topic) {
        if (existingTopics.contains(topic)) {
            return;
        }
        try {
            admin.createOrModifyTopics(new NewTopic(topic, Optional.empty(), Optional.empty()));
            existingTopics.add(topic);
        } catch (RuntimeException e) {
            // Not fatal: a broker that auto-creates topics still takes the record.
            log.warn("Could not create {}: {}", topic, e.toString());
        }
    }

    @Override
    public void close() {
        producers.destroy();
    }
}
