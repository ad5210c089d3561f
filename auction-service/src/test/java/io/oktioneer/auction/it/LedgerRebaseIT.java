package io.oktioneer.auction.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@code ledger_rebase} (migration V2), the function that moves an event's budget snapshots by what another
 * writer changed between a batch's read and its write: only the moved preferences' snapshots change, in the
 * event's own format, and everything before them stays as it was (the envelope's field order, a title that
 * quotes the field name).
 */
class LedgerRebaseIT extends AuctionServiceITBase {

    private static final String MOVED = "11111111-1111-1111-1111-111111111111";
    private static final String STILL = "22222222-2222-2222-2222-222222222222";
    private static final String EVENT = "{\"eventId\":\"6f1c0f44-5b8e-4a43-9d1f-2c1d6c3f9a10\","
            + "\"type\":\"AuctionEvaluated\",\"version\":1,\"occurredAt\":\"2026-12-07T18:00:00.000Z\","
            + "\"traceId\":null,\"payload\":{\"item\":{\"title\":\"say \\\"budgets\\\":[ twice\"},"
            + "\"budgets\":[{\"preferenceId\":\"" + MOVED + "\",\"spent\":1.00,\"reserved\":30.00,"
            + "\"ledgerVersion\":2},{\"preferenceId\":\"" + STILL + "\",\"spent\":0.00,\"reserved\":5.00,"
            + "\"ledgerVersion\":7}]}}";

    private String rebase(String payload, String offsets) {
        return jdbc.queryForObject("SELECT ledger_rebase(?, ?::jsonb)", String.class, payload, offsets);
    }

    @Test
    void movesTheSnapshotsOfMovedPreferencesByTheOtherWritersChangeAndKeepsTheRestOfTheEvent() {
        String rebased = rebase(EVENT, "{\"" + MOVED + "\":{\"spent\":2.50,\"reserved\":50.00,\"version\":3}}");

        assertThat(rebased).isEqualTo(EVENT.replace("\"spent\":1.00,\"reserved\":30.00,\"ledgerVersion\":2",
                "\"spent\":3.50,\"reserved\":80.00,\"ledgerVersion\":5"));
    }

    @Test
    void answersNothingWhenNoSnapshotOfTheEventMoved() {
        String other = "33333333-3333-3333-3333-333333333333";
        assertThat(rebase(EVENT, "{\"" + other + "\":{\"spent\":1,\"reserved\":1,\"version\":1}}")).isNull();
        assertThat(rebase(EVENT, null)).isNull();
    }
}
