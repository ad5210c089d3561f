package io.oktioneer.history.ingest;

/** Stores a whole batch: returns once every row is stored (or dead-lettered), retrying as long as it takes. */
@FunctionalInterface
public interface BatchSink {

    /** Throws {@link BatchCancelledException} when cancelled before the batch was stored. */
    void write(Batch batch, Cancellation cancellation);
}
