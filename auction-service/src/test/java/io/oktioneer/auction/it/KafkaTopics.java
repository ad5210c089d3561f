package io.oktioneer.auction.it;

import io.oktioneer.contracts.EventEnvelope;
import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import io.oktioneer.contracts.preference.UserUpdated;
import io.oktioneer.testsupport.TestProducers;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Publishes preference events the way preference-service does, and reads what the service published. */
public final class KafkaTopics {

    private KafkaTopics() {
    }

    public static PreferenceUpserted preference(UUID id, String userId, String totalBudget, long version) {
        Instant now = Instant.now();
        return new PreferenceUpserted(id, userId, "ACTIVE", "p", List.of(), List.of(), new BigDecimal("1000.00"),
                totalBudget == null ? null : new BigDecimal(totalBudget), "EUR", true, version, now, now);
    }

    public static void publishPreferences(String bootstrap, String topic, List<PreferenceUpserted> preferences,
                                          List<PreferenceDeleted> deletions, List<UserUpdated> users) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(TestProducers.properties(bootstrap))) {
            for (UserUpdated user : users) {
                sent.add(producer.send(new ProducerRecord<>(topic, "user:" + user.userId(),
                        envelope(EventTypes.USER_UPDATED, user))));
            }
            for (PreferenceUpserted preference : preferences) {
                sent.add(producer.send(new ProducerRecord<>(topic, preference.preferenceId().toString(),
                        envelope(EventTypes.PREFERENCE_UPSERTED, preference))));
            }
            for (PreferenceDeleted deleted : deletions) {
                sent.add(producer.send(new ProducerRecord<>(topic, deleted.preferenceId().toString(),
                        envelope(EventTypes.PREFERENCE_DELETED, deleted))));
                sent.add(producer.send(new ProducerRecord<>(topic, deleted.preferenceId().toString(), null)));
            }
            sent.add(producer.send(new ProducerRecord<>(topic, "noise", "{\"type\":\"SomethingNew\",\"payload\":{}}")));
            for (Future<RecordMetadata> send : sent) {
                send.get(TestProducers.SEND_WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    private static String envelope(String type, Object payload) {
        return Api.JSON.writeValueAsString(EventEnvelope.of(type, Instant.now(), null, payload));
    }

    /** Every record of the topic up to its current end. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
