package io.oktioneer.history.ingest;

import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.ClickHouseException;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.TsvWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch into its table with one INSERT, retrying with backoff for as long as ClickHouse is down or
 * slow (never skipping a batch). Should ClickHouse reject the data itself, which retrying cannot fix, the batch is
 * split in halves until the rejected rows are isolated; those go to the DLT with ClickHouse's reason, the
 * others are stored. Undecodable records of the batch go to the DLT too, before the batch counts as written.
 */
public final class ClickHouseBatchSink implements BatchSink {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseBatchSink.class);

    private final EventTable table;
    private final ClickHouseClient clickHouse;
    private final SchemaManager schema;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;
    private final IngestSettings settings;

    public ClickHouseBatchSink(EventTable table, ClickHouseClient clickHouse, SchemaManager schema,
                               DeadLetterPublisher deadLetters, IngestMetrics metrics, IngestSettings settings) {
        this.table = table;
        this.clickHouse = clickHouse;
        this.schema = schema;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.settings = settings;
    }

    @Override
    public void write(Batch batch, Cancellation cancellation) {
        Backoff backoff = new Backoff(settings.retryInitialBackoff(), settings.retryMaxBackoff());
        List<Batch.Poison> poison = new ArrayList<>(batch.poison());
        if (batch.rowCount() > 0) {
            insert(batch, 0, batch.rowCount(), poison, cancellation, backoff);
        }
        if (!poison.isEmpty()) {
            publish(poison, cancellation, backoff);
        }
    }

    private void insert(Batch batch, int from, int to, List<Batch.Poison> poison, Cancellation cancellation,
                        Backoff backoff) {
        TsvWriter rows = batch.rows();
        int attempt = 0;
        while (true) {
            if (cancellation.isCancelled()) {
                throw new BatchCancelledException();
            }
            try {
                schema.ensureReady();
                long start = System.nanoTime();
                clickHouse.insertTabSeparated(table.name(), table.columns(), rows.buffer(), rows.rowStart(from),
                        rows.rowEnd(to - 1) - rows.rowStart(from));
                metrics.rowsWritten(table.name(), to - from, System.nanoTime() - start);
                return;
            } catch (ClickHouseException e) {
                metrics.insertFailed(table.name());
                if (e.isDataError()) {
                    if (to - from == 1) {
                        poison.add(new Batch.Poison(batch.rowSource(from), "ClickHouse rejected the row: "
                                + e.getMessage(), ClickHouseException.class.getName()));
                        return;
                    }
                    log.warn("ClickHouse rejected rows {}..{} of a batch for {}; splitting it to isolate them: {}",
                            from, to - 1, table.name(), e.getMessage());
                    int middle = (from + to) >>> 1;
                    insert(batch, from, middle, poison, cancellation, backoff);
                    insert(batch, middle, to, poison, cancellation, backoff);
                    return;
                }
                if (e.isMissingSchema()) {
                    schema.invalidate();
                }
                Duration pause = backoff.next();
                log.warn("Insert of {} rows into {} failed (attempt {}), retrying in {} ms: {}", to - from,
                        table.name(), ++attempt, pause.toMillis(), e.getMessage());
                if (cancellation.sleep(pause)) {
                    throw new BatchCancelledException();
                }
            }
        }
    }

    private void publish(List<Batch.Poison> poison, Cancellation cancellation, Backoff backoff) {
        while (true) {
            if (cancellation.isCancelled()) {
                throw new BatchCancelledException();
            }
            try {
                deadLetters.publish(poison);
                return;
            } catch (RuntimeException e) {
                Duration pause = backoff.next();
                log.warn("Sending {} records to the DLT failed, retrying in {} ms: {}", poison.size(),
                        pause.toMillis(), e.getMessage());
                if (cancellation.sleep(pause)) {
                    throw new BatchCancelledException();
                }
            }
        }
    }
}
