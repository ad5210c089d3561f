package io.oktioneer.history.ingest;

import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.ClickHouseException;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.TsvWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch into its table with one INSERT. It does not retry: a failure is answered, and the listener's
 * error handler retries the batch with backoff. Should ClickHouse reject the data itself (which retrying cannot
 * fix), the batch is split in halves, the left one first, until the first rejected row is isolated: every row
 * before it is then stored, none after it, so the error handler can dead-letter that row's record and consume
 * again from the next one.
 */
public final class ClickHouseBatchSink implements BatchSink {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseBatchSink.class);

    private final EventTable table;
    private final ClickHouseClient clickHouse;
    private final SchemaManager schema;
    private final IngestMetrics metrics;

    public ClickHouseBatchSink(EventTable table, ClickHouseClient clickHouse, SchemaManager schema,
                               IngestMetrics metrics) {
        this.table = table;
        this.clickHouse = clickHouse;
        this.schema = schema;
        this.metrics = metrics;
    }

    @Override
    public Stored write(TsvWriter rows) {
        int[] stored = {0};
        if (rows.rows() == 0) {
            return new Stored(0, null);
        }
        try {
            ClickHouseException rejected = insert(rows, 0, rows.rows(), stored);
            return new Stored(stored[0], rejected);
        } catch (ClickHouseException unavailable) {
            log.warn("Insert into {} failed (rows {} of {} stored): {}", table.name(), stored[0], rows.rows(),
                    unavailable.getMessage());
            return new Stored(stored[0], unavailable);
        }
    }

    /**
     * Stores rows {@code from..to-1}, advancing {@code stored[0]}; returns null when all are stored, or ClickHouse's
     * rejection of row {@code stored[0]}. Throws when ClickHouse is unavailable.
     */
    private ClickHouseException insert(TsvWriter rows, int from, int to, int[] stored) {
        try {
            schema.ensureReady();
        } catch (ClickHouseException unavailable) {
            metrics.insertFailed(table.name());
            throw unavailable;
        }
        try {
            long start = System.nanoTime();
            clickHouse.insertTabSeparated(table.name(), table.columns(), rows.buffer(), rows.rowStart(from),
                    rows.rowEnd(to - 1) - rows.rowStart(from));
            metrics.rowsWritten(table.name(), to - from, System.nanoTime() - start);
            stored[0] = to;
            return null;
        } catch (ClickHouseException e) {
            metrics.insertFailed(table.name());
            if (!e.isDataError()) {
                if (e.isMissingSchema()) {
                    schema.invalidate();
                }
                throw e;
            }
            if (to - from == 1) {
                return e;
            }
            log.warn("ClickHouse rejected rows {}..{} of a batch for {}; splitting it to isolate them: {}",
                    from, to - 1, table.name(), e.getMessage());
            int middle = (from + to) >>> 1;
            ClickHouseException rejected = insert(rows, from, middle, stored);
            return rejected != null ? rejected : insert(rows, middle, to, stored);
        }
    }
}
