package io.oktioneer.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    @Test
    void fetchesWaitForAUsefulBatchButAtMostHalfTheLinger() {
        Map<String, Object> config = ConsumerSettings.forTable(Map.of("bootstrap.servers", "k:9092"), "g",
                "auction_events", Duration.ofSeconds(1));

        assertThat(config).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1 << 20)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry("bootstrap.servers", "k:9092");
        assertThat(ConsumerSettings.forTable(Map.of(), "g", "t", Duration.ofMillis(300)))
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 150);
        assertThat(ConsumerSettings.fetchMaxWait(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(500));
        assertThat(ConsumerSettings.fetchMaxWait(Duration.ZERO)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void springKafkaSettingsWinOverTheDefaultsButNotOverWhatTheLoopReliesOn() {
        Map<String, Object> config = ConsumerSettings.forTable(Map.of(
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ConsumerConfig.GROUP_ID_CONFIG, "other",
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class), "history", "t",
                Duration.ofSeconds(1));

        assertThat(config).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "history")
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }
}
