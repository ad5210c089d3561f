package io.oktioneer.auction.evaluation;

import static io.oktioneer.auction.support.Fixtures.bidRound;
import static io.oktioneer.auction.support.Fixtures.eur;
import static io.oktioneer.auction.support.Fixtures.noBidRound;
import static io.oktioneer.auction.support.Fixtures.snapshot;
import static io.oktioneer.auction.support.Fixtures.terms;
import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.auction.auction.AuctionSnapshot;
import io.oktioneer.auction.auction.AuctionStatus;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.AuctionType;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.ReservationState;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.support.Fixtures;
import io.oktioneer.contracts.auction.Item;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoundRulesTest {

    private final StoredRound round1 = bidRound(1, terms("120"), "150", ReservationState.OPEN);
    private final AuctionSnapshot open = snapshot(AuctionStatus.OPEN, round1, null);

    @Test
    void unknownAuctionIsRoundOne() {
        assertThat(RoundRules.plan(null, terms("120"))).isEqualTo(new RoundPlan.NewRound(1, null));
    }

    @Test
    void sameBodyIsAReplayWhateverTmaxAndAmountScale() {
        AuctionTerms again = new AuctionTerms(Fixtures.KEY, round1.terms().item(), new BigDecimal("120.0"), "EUR",
                AuctionType.ENGLISH, new BigDecimal("1"), round1.terms().closesAt(), 5000);
        assertThat(RoundRules.plan(open, again)).isEqualTo(new RoundPlan.Replay(round1));
    }

    @Test
    void replayStillAnswersOnceSettled() {
        StoredResult won = new StoredResult(1, round1.decisionId(), ResultOutcome.WON, eur("140"), "EUR", Fixtures.NOW);
        assertThat(RoundRules.plan(snapshot(AuctionStatus.SETTLED, round1, won), terms("120")))
                .isEqualTo(new RoundPlan.Replay(round1));
    }

    @Test
    void englishWithStrictlyHigherFloorIsANewRoundReleasingThePreviousReservation() {
        RoundPlan plan = RoundRules.plan(open, terms("151"));
        assertThat(plan).isEqualTo(new RoundPlan.NewRound(2, round1.openReservation()));
        assertThat(((RoundPlan.NewRound) plan).previousReservation().amount()).isEqualTo(eur("150"));
    }

    @Test
    void newRoundAfterANoBidRoundHasNothingToRelease() {
        StoredRound noBid = noBidRound(1, terms("120"), NoBidReason.BELOW_FLOOR);
        assertThat(RoundRules.plan(snapshot(AuctionStatus.OPEN, noBid, null), terms("125")))
                .isEqualTo(new RoundPlan.NewRound(2, null));
    }

    @Test
    void lowerOrSealedOrOtherwiseDifferentBodiesConflict() {
        assertThat(RoundRules.plan(open, terms("119"))).isInstanceOf(RoundPlan.Conflict.class);
        StoredRound sealed = bidRound(1, terms("120", AuctionType.FIRST_PRICE), "150", ReservationState.OPEN);
        assertThat(RoundRules.plan(snapshot(AuctionStatus.OPEN, sealed, null), terms("130", AuctionType.FIRST_PRICE)))
                .isInstanceOf(RoundPlan.Conflict.class);
        AuctionTerms otherItem = new AuctionTerms(Fixtures.KEY, new Item("watches", "seiko", "Seamaster"),
                eur("130"), "EUR", AuctionType.ENGLISH, eur("1"), round1.terms().closesAt(), 80);
        assertThat(RoundRules.plan(open, otherItem)).isInstanceOf(RoundPlan.Conflict.class);
        AuctionTerms otherIncrement = new AuctionTerms(Fixtures.KEY, round1.terms().item(), eur("130"), "EUR",
                AuctionType.ENGLISH, eur("2"), round1.terms().closesAt(), 80);
        assertThat(RoundRules.plan(open, otherIncrement)).isInstanceOf(RoundPlan.Conflict.class);
        assertThat(RoundRules.plan(open, terms("130", AuctionType.SECOND_PRICE))).isInstanceOf(RoundPlan.Conflict.class);
    }

    @Test
    void noNewRoundOnceSettledOrExpired() {
        StoredResult lost = new StoredResult(1, UUID.randomUUID(), ResultOutcome.LOST, null, "EUR", Fixtures.NOW);
        assertThat(RoundRules.plan(snapshot(AuctionStatus.SETTLED, round1, lost), terms("151")))
                .isInstanceOf(RoundPlan.Conflict.class);
        assertThat(RoundRules.plan(snapshot(AuctionStatus.EXPIRED, round1, null), terms("151")))
                .isInstanceOf(RoundPlan.Conflict.class);
    }
}
