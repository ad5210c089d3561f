package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;

/** What became of a ledger command once its batch committed (or failed, or its deadline came). */
public sealed interface LedgerOutcome {

    record RoundRecorded(StoredRound round) implements LedgerOutcome {
    }

    record ResultRecorded(StoredResult result) implements LedgerOutcome {
    }

    record Expired() implements LedgerOutcome {
    }

    /** The auction changed since the command was made (another round, result or expiry won): re-read it. */
    record Superseded() implements LedgerOutcome {
    }

    /** Known not recorded: the batch failed before its commit, or was never sent (deadline, database down). */
    record Failed(Exception cause) implements LedgerOutcome {
    }

    /**
     * Sent, but no answer came before the deadline or the connection was lost while committing: the command
     * may or may not be recorded. Repeating the same request finds out (a replay returns what was recorded).
     */
    record Unknown(Exception cause) implements LedgerOutcome {
    }
}
