package io.oktioneer.engine.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How the index follows its feed: replaces, deletes, user status and ledger snapshots. */
class PreferenceIndexTest {

    private final PreferenceIndex index = new PreferenceIndex();
    private final Decision decision = new Decision();

    @Test
    void replaceMovesThePreferenceToItsNewPostingsAndKeepsItsLedger() {
        UUID id = UUID.randomUUID();
        index.upsert(preference(id, "u1", List.of("watches"), 200_00, 1000_00, true));
        index.ledger(id, 900_00, 0, 1);
        index.upsert(preference(id, "u1", List.of("shoes"), 300_00, 1000_00, true));

        assertThat(decide("watches").outcome()).isEqualTo(Outcome.NO_MATCH);
        Decision shoes = decide("shoes");
        assertThat(shoes.outcome()).isEqualTo(Outcome.CANDIDATES);
        assertThat(shoes.effectiveBudgetCents(0)).isEqualTo(100_00);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void deleteRemovesThePreference() {
        UUID id = UUID.randomUUID();
        index.upsert(preference(id, "u1", List.of(), 200_00, PreferenceRecord.NO_TOTAL_BUDGET, true));

        assertThat(index.delete(id)).isTrue();
        assertThat(index.delete(id)).isFalse();
        assertThat(decide("watches").outcome()).isEqualTo(Outcome.NO_MATCH);
        assertThat(index.size()).isZero();
        assertThat(index.usable()).isZero();
    }

    @Test
    void userStatusBlocksAndReleasesAllHisPreferences() {
        index.upsert(preference(UUID.randomUUID(), "u1", List.of(), 200_00, PreferenceRecord.NO_TOTAL_BUDGET, true));
        index.upsert(preference(UUID.randomUUID(), "u1", List.of("watches"), 100_00,
                PreferenceRecord.NO_TOTAL_BUDGET, true));
        index.upsert(preference(UUID.randomUUID(), "u2", List.of(), 50_00, PreferenceRecord.NO_TOTAL_BUDGET, true));

        index.userStatus("u1", false);
        Decision blocked = decide("watches");
        assertThat(blocked.eligible()).isEqualTo(1);
        assertThat(blocked.userId(0)).isEqualTo("u2");

        index.userStatus("u1", true);
        assertThat(decide("watches").eligible()).isEqualTo(3);
        index.userStatus("unknown", false);
        assertThat(decide("watches").eligible()).isEqualTo(3);
    }

    @Test
    void theStatusAPreferenceCarriesStillCountsWhenItsUserIsActive() {
        UUID id = UUID.randomUUID();
        index.upsert(preference(id, "u1", List.of(), 200_00, PreferenceRecord.NO_TOTAL_BUDGET, false));
        index.userStatus("u1", true);

        assertThat(decide("watches").outcome()).isEqualTo(Outcome.NO_MATCH);
    }

    @Test
    void ledgerKeepsTheHighestVersion() {
        UUID id = UUID.randomUUID();
        index.upsert(preference(id, "u1", List.of(), 200_00, 1000_00, true));

        index.ledger(id, 850_00, 0, 5);
        index.ledger(id, 0, 0, 4);
        assertThat(decide("watches").effectiveBudgetCents(0)).isEqualTo(150_00);

        index.ledger(id, 850_00, 100_00, 6);
        assertThat(decide("watches").effectiveBudgetCents(0)).isEqualTo(50_00);
    }

    @Test
    void aSnapshotArrivingBeforeItsPreferenceIsAppliedWhenThePreferenceArrives() {
        UUID id = UUID.randomUUID();
        index.ledger(id, 900_00, 50_00, 3);
        index.ledger(id, 0, 0, 2);
        index.upsert(preference(id, "u1", List.of(), 200_00, 1000_00, true));

        assertThat(decide("watches").effectiveBudgetCents(0)).isEqualTo(50_00);
        index.ledger(id, 0, 0, 3);
        assertThat(decide("watches").effectiveBudgetCents(0)).isEqualTo(50_00);
    }

    @Test
    void aLedgerChangeReordersCandidates() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        index.upsert(preference(a, "u1", List.of(), 200_00, 1000_00, true));
        index.upsert(preference(b, "u2", List.of(), 150_00, PreferenceRecord.NO_TOTAL_BUDGET, true));
        assertThat(decide("watches").preferenceId(0)).isEqualTo(a);

        index.ledger(a, 0, 900_00, 1);
        Decision after = decide("watches");
        assertThat(after.preferenceId(0)).isEqualTo(b);
        assertThat(after.bidCents(0)).isEqualTo(100_01);
    }

    private Decision decide(String category) {
        index.decide(new DecisionQuery(category, null, 10_00, "EUR", AuctionType.ENGLISH, 1, 10), decision);
        return decision;
    }

    private static PreferenceRecord preference(UUID id, String user, List<String> categories, long maxBid,
                                               long totalBudget, boolean userActive) {
        return new PreferenceRecord(id, user, userActive, categories, List.of(), maxBid, totalBudget, "eur", true,
                System.currentTimeMillis());
    }
}
