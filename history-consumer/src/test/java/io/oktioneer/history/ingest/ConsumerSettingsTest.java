package io.oktioneer.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.history.support.HistorySettings;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    @Test
    void aFetchIsABatchHeldUntilItIsFullOrTheLingerHasPassed() {
        Map<String, Object> config = ConsumerSettings.forGroup(Map.of("bootstrap.servers", "k:9092"), "g",
                HistorySettings.ingest());

        assertThat(config).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 16 << 20)
                .containsEntry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 << 20)
                .containsEntry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1000)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50_000)
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry("bootstrap.servers", "k:9092");
        assertThat(ConsumerSettings.forGroup(Map.of(), "g",
                HistorySettings.ingest().withLinger(Duration.ofMillis(300))))
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 300);
        assertThat(ConsumerSettings.fetchMaxWait(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(10));
        assertThat(ConsumerSettings.fetchMaxWait(Duration.ZERO)).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void springKafkaSettingsWinOverTheDefaultsButNotOverWhatTheListenersRelyOn() {
        Map<String, Object> config = ConsumerSettings.forGroup(Map.of(
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, true,
                ConsumerConfig.GROUP_ID_CONFIG, "other",
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class), "history",
                HistorySettings.ingest());

        assertThat(config).containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1)
                .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "history")
                .containsEntry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }
}
