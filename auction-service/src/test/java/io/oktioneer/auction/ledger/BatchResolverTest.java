package io.oktioneer.auction.ledger;

import static io.oktioneer.auction.support.Fixtures.KEY;
import static io.oktioneer.auction.support.Fixtures.NOW;
import static io.oktioneer.auction.support.Fixtures.eur;
import static io.oktioneer.auction.support.Fixtures.terms;
import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.AuctionType;
import io.oktioneer.auction.auction.Decision;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.Reservation;
import io.oktioneer.auction.auction.ReservationState;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.outbox.Trace;
import io.oktioneer.contracts.auction.Bid;
import io.oktioneer.contracts.auction.BudgetSnapshot;
import io.oktioneer.contracts.auction.Item;
import io.oktioneer.contracts.engine.EngineCandidate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BatchResolverTest {

    private static final BatchResolver.Policy POLICY = new BatchResolver.Policy(Duration.ofMinutes(10), Duration.ofHours(24));
    private static final UUID P1 = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID P2 = UUID.fromString("00000000-0000-0000-0000-000000000002");

    private final Map<UUID, LedgerRow> rows = new HashMap<>();

    private void row(UUID id, String total, String spent, String reserved) {
        rows.put(id, new LedgerRow(id, "u" + id.getLeastSignificantBits(), "EUR", total == null ? null : eur(total),
                eur(spent), eur(reserved), 7, false));
    }

    private static EngineCandidate candidate(UUID id, String bid) {
        return new EngineCandidate(id, "u" + id.getLeastSignificantBits(), eur(bid), eur(bid), eur(bid), null, NOW);
    }

    private static LedgerCommand.PlaceRound place(String auctionId, String floor, EngineCandidate... candidates) {
        AuctionTerms base = terms(floor);
        AuctionTerms terms = new AuctionTerms(new AuctionKey("ex", auctionId), base.item(), base.floorPrice(), "EUR",
                AuctionType.ENGLISH, base.minIncrement(), base.closesAt(), 80);
        return new LedgerCommand.PlaceRound(terms, 1, null, UUID.randomUUID(), NOW,
                EngineDecision.candidates(candidates.length + 2, List.of(candidates), 0.2), 0, Trace.NONE);
    }

    private static StoredRound round(BatchResolver.Plan plan, int index) {
        return ((BatchResolver.RoundEffect) plan.effects().get(index)).round();
    }

    @Test
    void reservesForTheFirstCandidateThatStillFitsAndMovesOnWhenItDoesNot() {
        row(P1, "100", "0", "0");
        row(P2, "100", "0", "0");
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(
                place("a", "10", candidate(P1, "60"), candidate(P2, "55")),
                place("b", "10", candidate(P1, "60"), candidate(P2, "55")),
                place("c", "10", candidate(P1, "60"), candidate(P2, "55"))), rows, POLICY);

        assertThat(round(plan, 0).bid().preferenceId()).isEqualTo(P1);
        assertThat(round(plan, 0).candidates()).isEqualTo(4);
        assertThat(round(plan, 0).reservation()).isEqualTo(ReservationState.OPEN);
        assertThat(round(plan, 0).expiresAt()).isEqualTo(Instant.parse("2026-11-24T18:10:00.000Z"));
        assertThat(round(plan, 1).bid().preferenceId()).isEqualTo(P2);
        assertThat(round(plan, 1).bid().amount()).isEqualTo(eur("55"));
        assertThat(round(plan, 2).decision()).isEqualTo(Decision.NO_BID);
        assertThat(round(plan, 2).reason()).isEqualTo(NoBidReason.BUDGET_EXHAUSTED);
        assertThat(round(plan, 2).candidates()).isZero();
        assertThat(round(plan, 2).reservation()).isEqualTo(ReservationState.NONE);
        assertThat(plan.deltas()).containsExactlyInAnyOrder(
                new BatchResolver.Delta(P1, eur("0"), eur("60"), 1, rows.get(P1)),
                new BatchResolver.Delta(P2, eur("0"), eur("55"), 1, rows.get(P2)));
    }

    @Test
    void aggregatesSeveralReservationsOfOnePreferenceIntoOneDelta() {
        row(P1, "100", "10", "20");
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(
                place("a", "1", candidate(P1, "30")), place("b", "1", candidate(P1, "30")),
                place("c", "1", candidate(P1, "30"))), rows, POLICY);
        assertThat(plan.effects()).hasSize(3);
        assertThat(round(plan, 2).decision()).isEqualTo(Decision.NO_BID);
        assertThat(plan.deltas()).containsExactly(new BatchResolver.Delta(P1, eur("0"), eur("60"), 2, rows.get(P1)));
        assertThat(plan.effects().get(1).budgets())
                .containsExactly(new BudgetSnapshot(P1, eur("10"), eur("80"), 9));
    }

    @Test
    void anUncappedPreferenceAlwaysFitsAndAnExactFitIsAccepted() {
        row(P1, null, "500", "500");
        row(P2, "50", "20", "0");
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(place("a", "1", candidate(P1, "1000")),
                place("b", "1", candidate(P2, "30"))), rows, POLICY);
        assertThat(round(plan, 0).isBid()).isTrue();
        assertThat(round(plan, 1).isBid()).isTrue();
    }

    @Test
    void skipsDeletedPreferencesAndOtherCurrencies() {
        rows.put(P1, new LedgerRow(P1, "u1", "EUR", null, eur("0"), eur("0"), 0, true));
        rows.put(P2, new LedgerRow(P2, "u2", "USD", null, eur("0"), eur("0"), 0, false));
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(place("a", "1", candidate(P1, "5"), candidate(P2, "5"))),
                rows, POLICY);
        assertThat(round(plan, 0).reason()).isEqualTo(NoBidReason.BUDGET_EXHAUSTED);
        assertThat(plan.deltas()).isEmpty();
    }

    @Test
    void engineNoBidIsRecordedWithItsReason() {
        LedgerCommand.PlaceRound closed = new LedgerCommand.PlaceRound(terms("1"), 1, null, UUID.randomUUID(), NOW,
                EngineDecision.noBid(NoBidReason.AUCTION_CLOSED, null), 0, Trace.NONE);
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(closed), rows, POLICY);
        assertThat(round(plan, 0).reason()).isEqualTo(NoBidReason.AUCTION_CLOSED);
        assertThat(round(plan, 0).bid()).isNull();
        assertThat(round(plan, 0).engineLatencyMs()).isNull();
    }

    @Test
    void newRoundReleasesThePreviousReservationBeforeDecidingAfresh() {
        row(P1, "100", "0", "90");
        LedgerCommand.PlaceRound round2 = new LedgerCommand.PlaceRound(terms("95"), 2,
                new Reservation(P1, "u1", eur("90"), "EUR"), UUID.randomUUID(), NOW,
                EngineDecision.candidates(1, List.of(candidate(P1, "96")), 0.1), 0, Trace.NONE);
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(round2), rows, POLICY);
        assertThat(round(plan, 0).bid().amount()).isEqualTo(eur("96"));
        assertThat(plan.reservationChanges()).containsExactly(
                new BatchResolver.ReservationChange(KEY, 1, ReservationState.SUPERSEDED));
        assertThat(plan.deltas()).containsExactly(new BatchResolver.Delta(P1, eur("0"), eur("6"), 2, rows.get(P1)));
        assertThat(plan.effects().getFirst().budgets()).containsExactly(new BudgetSnapshot(P1, eur("0"), eur("96"), 9));
    }

    @Test
    void wonSpendsTheClearingPriceAndLostReleases() {
        row(P1, "100", "0", "90");
        Bid bid = new Bid(eur("60"), "EUR", "u1", P1);
        Bid other = new Bid(eur("30"), "EUR", "u1", P1);
        Item item = new Item(null, null, null);
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(
                new LedgerCommand.Settle(KEY, 1, UUID.randomUUID(), bid, item, ResultOutcome.WON, eur("55"), NOW, null),
                new LedgerCommand.Settle(new AuctionKey("ex-paris", "A-2"), 1, UUID.randomUUID(), other, item, ResultOutcome.LOST,
                        null, NOW, null)), rows, POLICY);
        assertThat(plan.deltas()).containsExactly(new BatchResolver.Delta(P1, eur("55"), eur("-90"), 2, rows.get(P1)));
        assertThat(plan.effects().get(0).budgets()).containsExactly(new BudgetSnapshot(P1, eur("55"), eur("30"), 8));
        assertThat(plan.effects().get(1).budgets()).containsExactly(new BudgetSnapshot(P1, eur("55"), eur("0"), 9));
        assertThat(plan.reservationChanges()).extracting(BatchResolver.ReservationChange::state)
                .containsExactly(ReservationState.SPENT, ReservationState.RELEASED);
        assertThat(((BatchResolver.SettleEffect) plan.effects().getFirst()).result().clearingPrice()).isEqualTo(eur("55"));
    }

    @Test
    void expiryReleasesTheReservation() {
        row(P1, "100", "0", "40");
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(new LedgerCommand.Expire(KEY, 1, UUID.randomUUID(),
                new Bid(eur("40"), "EUR", "u1", P1), NOW)), rows, POLICY);
        assertThat(plan.deltas()).containsExactly(new BatchResolver.Delta(P1, eur("0"), eur("-40"), 1, rows.get(P1)));
        assertThat(plan.reservationChanges()).containsExactly(
                new BatchResolver.ReservationChange(KEY, 1, ReservationState.EXPIRED));
    }

    @Test
    void aRoundWhoseDeadlinePassedBeforeItsBatchIsATimeoutAndReservesNothing() {
        row(P1, null, "0", "0");
        LedgerCommand.PlaceRound first = place("a", "1", candidate(P1, "5"));
        LedgerCommand.PlaceRound second = place("b", "1", candidate(P1, "5"));
        long tmaxNanos = 80 * 1_000_000L;
        BatchResolver.Plan plan = BatchResolver.resolve(List.of(first, second), rows, POLICY, tmaxNanos + 1);
        assertThat(round(plan, 0).reason()).isEqualTo(NoBidReason.TIMEOUT);
        assertThat(round(plan, 0).engineLatencyMs()).isEqualTo(0.2);
        assertThat(plan.deltas()).isEmpty();
        assertThat(round(BatchResolver.resolve(List.of(first), rows, POLICY, tmaxNanos), 0).isBid()).isTrue();
    }

    @Test
    void ttlAppliesWithoutClosesAt() {
        assertThat(POLICY.expiresAt(null, NOW)).isEqualTo(NOW.plus(Duration.ofHours(24)));
        assertThat(POLICY.expiresAt(NOW, NOW.minusSeconds(5))).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void neverReservesBeyondTheBudgetWhateverTheOrder() {
        row(P1, "100.00", "33.33", "0");
        List<LedgerCommand> commands = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            commands.add(place("x" + i, "1", candidate(P1, "3.33")));
        }
        BatchResolver.Plan plan = BatchResolver.resolve(commands, rows, POLICY);
        BigDecimal reserved = plan.deltas().iterator().next().reserved();
        assertThat(reserved).isEqualTo(eur("66.60"));
        assertThat(eur("33.33").add(reserved)).isLessThanOrEqualTo(eur("100"));
    }
}
