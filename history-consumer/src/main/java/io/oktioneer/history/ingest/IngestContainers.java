package io.oktioneer.history.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.history.events.PoisonRecordException;
import java.util.Map;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Builds the Spring Kafka machinery of the pipeline, one listener container per topic (plain Java, so the tests
 * and the benchmark run exactly what the service runs).
 */
public final class IngestContainers {

    private IngestContainers() {
    }

    /** The consumers of every ingest container, with the Kafka client's metrics in {@code registry}. */
    public static DefaultKafkaConsumerFactory<byte[], byte[]> consumerFactory(Map<String, Object> config,
                                                                              MeterRegistry registry) {
        DefaultKafkaConsumerFactory<byte[], byte[]> factory = new DefaultKafkaConsumerFactory<>(config);
        factory.addListener(new MicrometerConsumerListener<>(registry));
        return factory;
    }

    /**
     * What the listener's {@link org.springframework.kafka.listener.BatchListenerFailedException} leads to: the
     * offsets before the failed record are committed; a {@link PoisonRecordException} goes to {@code deadLetters}
     * at once (not retryable) and consumption goes on after it; anything else (ClickHouse down) is retried from
     * that record with exponential backoff and jitter, without end: the batch is never skipped.
     */
    public static DefaultErrorHandler errorHandler(ConsumerRecordRecoverer deadLetters, IngestSettings settings) {
        ExponentialBackOff backOff = new ExponentialBackOff(settings.retryInitialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(settings.retryMaxBackoff().toMillis());
        backOff.setJitter(settings.retryInitialBackoff().toMillis() / 2);
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(PoisonRecordException.class);
        // The handler's "seek to current" after each failure is the normal course, not news: the sink logs each
        // failed insert, DeadLetters each dead letter, the listener anything unexpected.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    /**
     * One topic's container: {@code settings.concurrency()} consumers of the group, each calling {@code listener}
     * with one poll's records, committing that batch's offsets (synchronously) once it returns.
     */
    public static ConcurrentMessageListenerContainer<byte[], byte[]> container(
            String topic, ConsumerFactory<byte[], byte[]> consumers, TableBatchListener listener,
            CommonErrorHandler errorHandler, IngestSettings settings) {
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setMessageListener(listener);
        properties.setAckMode(ContainerProperties.AckMode.BATCH);
        properties.setSyncCommits(true);
        properties.setClientId("history-consumer-" + listener.table().name());
        properties.setPollTimeout(settings.pollTimeout().toMillis());
        properties.setShutdownTimeout(settings.shutdownTimeout().toMillis());
        ConcurrentMessageListenerContainer<byte[], byte[]> container =
                new ConcurrentMessageListenerContainer<>(consumers, properties);
        container.setConcurrency(settings.concurrency());
        container.setCommonErrorHandler(errorHandler);
        container.setBeanName("history-" + listener.table().name());
        return container;
    }
}
