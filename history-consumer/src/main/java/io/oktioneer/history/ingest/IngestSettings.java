package io.oktioneer.history.ingest;

import java.time.Duration;

/**
 * The batching, decoding and retry settings of one ingestor (plain values, so the benchmark can build one too).
 * {@code decodeThreads} decode large polls in parallel slices (1: on the consumer thread only).
 */
public record IngestSettings(int batchMaxRows, int batchMaxBytes, Duration batchLinger, Duration pollTimeout,
                             Duration retryInitialBackoff, Duration retryMaxBackoff, Duration revokeTimeout,
                             Duration shutdownTimeout, int decodeThreads) {

    public static IngestSettings defaults() {
        return new IngestSettings(50_000, 16 << 20, Duration.ofSeconds(1), Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15),
                defaultDecodeThreads());
    }

    /**
     * Half the cores, at least one (which decodes on the consumer thread): the other half stays for the Kafka
     * client, the writer, and on a small machine for ClickHouse itself.
     */
    public static int defaultDecodeThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public IngestSettings withRetry(Duration initial, Duration max) {
        return new IngestSettings(batchMaxRows, batchMaxBytes, batchLinger, pollTimeout, initial, max, revokeTimeout,
                shutdownTimeout, decodeThreads);
    }

    public IngestSettings withLinger(Duration linger) {
        return new IngestSettings(batchMaxRows, batchMaxBytes, linger, pollTimeout, retryInitialBackoff,
                retryMaxBackoff, revokeTimeout, shutdownTimeout, decodeThreads);
    }

    public IngestSettings withDecodeThreads(int threads) {
        return new IngestSettings(batchMaxRows, batchMaxBytes, batchLinger, pollTimeout, retryInitialBackoff,
                retryMaxBackoff, revokeTimeout, shutdownTimeout, threads);
    }
}
