package io.oktioneer.history.ingest;

/** The batch was given up before it was stored; its offsets are not committed, so its records come again. */
public final class BatchCancelledException extends RuntimeException {

    public BatchCancelledException() {
        super("batch cancelled", null, false, false);
    }
}
