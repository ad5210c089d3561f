package io.oktioneer.history.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the consumer batches ({@code oktioneer.history.*}). One poll is one batch, one INSERT: the broker holds a
 * fetch until {@code batchMaxBytes} are there or {@code batchLinger} has passed, and a poll returns at most
 * {@code batchMaxRows} records. So big inserts under load (what ClickHouse wants), at most about one insert per
 * linger per consumer when quiet. {@code concurrency} consumers per topic decode and insert side by side.
 */
@ConfigurationProperties("oktioneer.history")
public record IngestProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("oktioneer-history") String groupId,
        @DefaultValue("50000") int batchMaxRows,
        @DefaultValue("16MB") DataSize batchMaxBytes,
        @DefaultValue("1s") Duration batchLinger,
        @DefaultValue("1s") Duration pollTimeout,
        @DefaultValue("200ms") Duration retryInitialBackoff,
        @DefaultValue("10s") Duration retryMaxBackoff,
        @DefaultValue("15s") Duration shutdownTimeout,
        @DefaultValue("5s") Duration lagInterval,
        @DefaultValue("3") int concurrency) {

    public IngestSettings settings() {
        return new IngestSettings(batchMaxRows, (int) batchMaxBytes.toBytes(), batchLinger, pollTimeout,
                retryInitialBackoff, retryMaxBackoff, shutdownTimeout, Math.max(1, concurrency));
    }
}
