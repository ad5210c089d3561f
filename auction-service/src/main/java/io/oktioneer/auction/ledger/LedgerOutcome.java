package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;

/** What became of a ledger command once its batch committed (or failed). */
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

    record Failed(Exception cause) implements LedgerOutcome {
    }
}
