package io.oktioneer.history.ingest;

import java.time.Duration;

/** The batching and retry settings of one ingestor (plain values, so the benchmark can build one too). */
public record IngestSettings(int batchMaxRows, int batchMaxBytes, Duration batchLinger, Duration pollTimeout,
                             Duration retryInitialBackoff, Duration retryMaxBackoff, Duration revokeTimeout,
                             Duration shutdownTimeout) {

    public static IngestSettings defaults() {
        return new IngestSettings(50_000, 16 << 20, Duration.ofSeconds(1), Duration.ofMillis(200),
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    public IngestSettings withRetry(Duration initial, Duration max) {
        return new IngestSettings(batchMaxRows, batchMaxBytes, batchLinger, pollTimeout, initial, max, revokeTimeout,
                shutdownTimeout);
    }

    public IngestSettings withLinger(Duration linger) {
        return new IngestSettings(batchMaxRows, batchMaxBytes, linger, pollTimeout, retryInitialBackoff,
                retryMaxBackoff, revokeTimeout, shutdownTimeout);
    }
}
