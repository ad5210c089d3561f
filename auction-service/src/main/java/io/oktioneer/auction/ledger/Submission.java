package io.oktioneer.auction.ledger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** A command submitted to the {@link LedgerWriter} and its deadline; its submitter waits with {@link #await()}. */
public final class Submission {

    static final int QUEUED = 0;
    static final int SENT = 1;
    static final int ABANDONED = 2;

    final LedgerCommand command;
    final long deadlineNanos;
    final CompletableFuture<LedgerOutcome> result = new CompletableFuture<>();
    final AtomicInteger state = new AtomicInteger(QUEUED);

    Submission(LedgerCommand command, long deadlineNanos) {
        this.command = command;
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * The outcome, waiting at most until the deadline. Past it, a command not yet sent is withdrawn (Failed:
     * it will not be recorded); one whose batch is in flight is {@link LedgerOutcome.Unknown}.
     */
    public LedgerOutcome await() {
        try {
            return result.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (state.compareAndSet(QUEUED, ABANDONED)) {
                return new LedgerOutcome.Failed(new TimeoutException("deadline passed before the batch was sent"));
            }
            LedgerOutcome late = result.getNow(null);
            return late != null ? late : new LedgerOutcome.Unknown(
                    new TimeoutException("deadline passed while the batch was in flight"));
        } catch (ExecutionException e) {
            return new LedgerOutcome.Failed(e);
        }
    }

    /** Marks it sent, unless its submitter gave up on it first. */
    boolean send() {
        return state.compareAndSet(QUEUED, SENT);
    }
}
