package io.oktioneer.history.ingest;

import io.oktioneer.history.clickhouse.ClickHouseException;
import io.oktioneer.history.events.TsvWriter;

/** Stores the rows of one batch, in order, stopping at the first row that cannot be stored. */
@FunctionalInterface
public interface BatchSink {

    /**
     * How far a write got: the first {@code rows} rows are stored, the others are not. {@code error} is null when
     * every row is stored; a data error ({@link ClickHouseException#isDataError()}) when ClickHouse rejected row
     * {@code rows} itself; otherwise ClickHouse was unavailable.
     */
    record Stored(int rows, ClickHouseException error) {
    }

    /** Never throws for ClickHouse's failures: they are in the answer. */
    Stored write(TsvWriter rows);
}
