package io.oktioneer.history.ingest;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How the consumer batches ({@code oktioneer.history.*}). One poll is one batch, one INSERT: the broker holds a
 * fetch until {@code batchMaxBytes} are there or {@code batchLinger} has passed, and a poll returns at most
 * {@code batchMaxRows} records. So big inserts under load (what ClickHouse wants), at most about one insert per
 * linger per consumer when quiet. {@code concurrency} consumers per topic decode and insert side by side.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param enabled             false: analytics only, no consumer
 * @param groupId             the consumer group of both topics
 * @param pollTimeout         the containers' poll timeout
 * @param retryInitialBackoff first pause after a failed insert (doubled up to {@code retryMaxBackoff})
 * @param shutdownTimeout     how long a stop waits for the consumers
 * @param lagInterval         how often the consumer-lag gauges are refreshed
 */
@ConfigurationProperties("oktioneer.history")
public record IngestProperties(
        boolean enabled,
        String groupId,
        int batchMaxRows,
        DataSize batchMaxBytes,
        Duration batchLinger,
        Duration pollTimeout,
        Duration retryInitialBackoff,
        Duration retryMaxBackoff,
        Duration shutdownTimeout,
        Duration lagInterval,
        int concurrency) {

    public IngestProperties {
        Objects.requireNonNull(groupId, "oktioneer.history.group-id");
        Objects.requireNonNull(batchMaxBytes, "oktioneer.history.batch-max-bytes");
        Objects.requireNonNull(batchLinger, "oktioneer.history.batch-linger");
        Objects.requireNonNull(pollTimeout, "oktioneer.history.poll-timeout");
        Objects.requireNonNull(retryInitialBackoff, "oktioneer.history.retry-initial-backoff");
        Objects.requireNonNull(retryMaxBackoff, "oktioneer.history.retry-max-backoff");
        Objects.requireNonNull(shutdownTimeout, "oktioneer.history.shutdown-timeout");
        Objects.requireNonNull(lagInterval, "oktioneer.history.lag-interval");
    }

    public IngestSettings settings() {
        return new IngestSettings(batchMaxRows, (int) batchMaxBytes.toBytes(), batchLinger, pollTimeout,
                retryInitialBackoff, retryMaxBackoff, shutdownTimeout, Math.max(1, concurrency));
    }
}
