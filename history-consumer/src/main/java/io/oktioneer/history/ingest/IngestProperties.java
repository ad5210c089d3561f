package io.oktioneer.history.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the consumer batches ({@code oktioneer.history.*}). A batch is written when it holds {@code batchMaxRows}
 * rows or {@code batchMaxBytes} of TabSeparated text, or {@code batchLinger} after its first record, whichever
 * comes first: big inserts under load (what ClickHouse wants), at most about one insert per linger per table
 * when quiet. {@code decodeThreads} (0: half the cores, at least 1) decode large polls in parallel slices.
 */
@ConfigurationProperties("oktioneer.history")
public record IngestProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("oktioneer-history") String groupId,
        @DefaultValue("50000") int batchMaxRows,
        @DefaultValue("16MB") DataSize batchMaxBytes,
        @DefaultValue("1s") Duration batchLinger,
        @DefaultValue("200ms") Duration pollTimeout,
        @DefaultValue("200ms") Duration retryInitialBackoff,
        @DefaultValue("10s") Duration retryMaxBackoff,
        @DefaultValue("5s") Duration revokeTimeout,
        @DefaultValue("15s") Duration shutdownTimeout,
        @DefaultValue("5s") Duration lagInterval,
        @DefaultValue("0") int decodeThreads) {

    public IngestSettings settings() {
        return new IngestSettings(batchMaxRows, (int) batchMaxBytes.toBytes(), batchLinger, pollTimeout,
                retryInitialBackoff, retryMaxBackoff, revokeTimeout, shutdownTimeout,
                decodeThreads > 0 ? decodeThreads : IngestSettings.defaultDecodeThreads());
    }
}
