package io.oktioneer.history.ingest;

import java.time.Duration;

/**
 * The batching, retry and concurrency settings of one topic's listener container (plain values, so the tests and
 * the benchmark can build one too; the service's come from {@link IngestProperties}). {@code concurrency} is the
 * number of consumers (threads) per topic.
 */
public record IngestSettings(int batchMaxRows, int batchMaxBytes, Duration batchLinger, Duration pollTimeout,
                             Duration retryInitialBackoff, Duration retryMaxBackoff, Duration shutdownTimeout,
                             int concurrency) {

    public IngestSettings withRetry(Duration initial, Duration max) {
        return new IngestSettings(batchMaxRows, batchMaxBytes, batchLinger, pollTimeout, initial, max,
                shutdownTimeout, concurrency);
    }

    public IngestSettings withLinger(Duration linger) {
        return new IngestSettings(batchMaxRows, batchMaxBytes, linger, pollTimeout, retryInitialBackoff,
                retryMaxBackoff, shutdownTimeout, concurrency);
    }

    public IngestSettings withConcurrency(int consumers) {
        return new IngestSettings(batchMaxRows, batchMaxBytes, batchLinger, pollTimeout, retryInitialBackoff,
                retryMaxBackoff, shutdownTimeout, consumers);
    }
}
