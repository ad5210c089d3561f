package io.oktioneer.history.ingest;

import io.oktioneer.contracts.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Sends undecodable records to {@code <topic>.DLT}: same key, value and headers, plus Spring Kafka's
 * {@code kafka_dlt-*} headers (same names and encodings, so Spring tooling can replay them), the reason in
 * {@code kafka_dlt-exception-message}. Creates the DLT topic on first use when the broker does not have it.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final Admin admin;
    private final String groupId;
    private final IngestMetrics metrics;
    private final Set<String> existingTopics = ConcurrentHashMap.newKeySet();

    public DeadLetterPublisher(Map<String, Object> producerConfig, Map<String, Object> adminConfig, String groupId,
                               IngestMetrics metrics) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put("key.serializer", ByteArraySerializer.class);
        config.put("value.serializer", ByteArraySerializer.class);
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        config.put("max.block.ms", 10_000);
        config.put("delivery.timeout.ms", 30_000);
        config.put("request.timeout.ms", 10_000);
        config.putIfAbsent("client.id", "history-consumer-dlt");
        this.producer = new KafkaProducer<>(config);
        this.admin = Admin.create(adminConfig);
        this.groupId = groupId;
        this.metrics = metrics;
    }

    /** Sends every record and waits for the broker's acknowledgement; throws when Kafka did not take them all. */
    public void publish(List<Batch.Poison> poison) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(poison.size());
        for (Batch.Poison entry : poison) {
            String deadLetterTopic = Topics.deadLetter(entry.record().topic());
            ensureTopic(deadLetterTopic);
            sent.add(producer.send(new ProducerRecord<>(deadLetterTopic, null, entry.record().key(),
                    entry.record().value(), headers(entry))));
        }
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending to the DLT", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("could not send to the DLT: " + e.getMessage(), e);
            }
        }
        for (Batch.Poison entry : poison) {
            ConsumerRecord<byte[], byte[]> record = entry.record();
            log.warn("Record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                    Topics.deadLetter(record.topic()), entry.reason());
            metrics.deadLettered(record.topic());
        }
    }

    private Headers headers(Batch.Poison entry) {
        ConsumerRecord<byte[], byte[]> record = entry.record();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, ByteBuffer.allocate(4).putInt(record.partition()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(8).putLong(record.offset()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, ByteBuffer.allocate(8).putLong(record.timestamp()).array());
        headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, groupId.getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, entry.exceptionClass().getBytes(StandardCharsets.UTF_8));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, entry.reason().getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private void ensureTopic(String topic) {
        if (existingTopics.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                    .all().get(10, TimeUnit.SECONDS);
            existingTopics.add(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                existingTopics.add(topic);
            } else {
                // Not fatal: a broker that auto-creates topics still takes the record.
                log.warn("Could not create {}: {}", topic, e.getCause().toString());
            }
        } catch (TimeoutException e) {
            log.warn("Could not create {} in time", topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
