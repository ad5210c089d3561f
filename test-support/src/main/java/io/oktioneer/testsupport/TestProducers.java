package io.oktioneer.testsupport;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The settings of every test-side Kafka producer (String keys and values). Not idempotent, one request in
 * flight: a burst to a brand-new topic made an idempotent producer resend from sequence 0 after the broker had
 * appended up to 84 (OutOfOrderSequenceException until the delivery timeout, seen on CI). One request at a time
 * keeps the order without that state.
 */
public final class TestProducers {

    /** The producer's own delivery timeout; a test waiting on a send should wait a little longer than this. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);
    /** How long a test waits on one send: Kafka's retries get their whole time first. */
    public static final Duration SEND_WAIT = DELIVERY_TIMEOUT.plusSeconds(10);

    private TestProducers() {
    }

    public static Properties properties(String bootstrap) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return config;
    }
}
