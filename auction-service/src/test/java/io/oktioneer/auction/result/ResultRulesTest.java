package io.oktioneer.auction.result;

import static io.oktioneer.auction.support.Fixtures.KEY;
import static io.oktioneer.auction.support.Fixtures.NOW;
import static io.oktioneer.auction.support.Fixtures.bidRound;
import static io.oktioneer.auction.support.Fixtures.eur;
import static io.oktioneer.auction.support.Fixtures.noBidRound;
import static io.oktioneer.auction.support.Fixtures.snapshot;
import static io.oktioneer.auction.support.Fixtures.terms;
import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.auction.auction.AuctionSnapshot;
import io.oktioneer.auction.auction.AuctionStatus;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.ReservationState;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ResultRulesTest {

    private final StoredRound bid = bidRound(1, terms("100"), "150", ReservationState.OPEN);
    private final AuctionSnapshot open = snapshot(AuctionStatus.OPEN, bid, null);

    private static ResultRequest request(ResultOutcome outcome, String clearing, String currency) {
        return new ResultRequest(KEY.exchange(), KEY.auctionId(), outcome, clearing == null ? null : eur(clearing),
                currency);
    }

    private static HttpStatus refused(ResultPlan plan) {
        assertThat(plan).isInstanceOf(ResultPlan.Refused.class);
        return ((ResultPlan.Refused) plan).status();
    }

    @Test
    void unknownAuctionIs404() {
        assertThat(refused(ResultRules.plan(null, request(ResultOutcome.WON, "100", null)))).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void settlesTheOpenBid() {
        assertThat(ResultRules.plan(open, request(ResultOutcome.WON, "150", "EUR"))).isEqualTo(new ResultPlan.Settle(bid));
        assertThat(ResultRules.plan(open, request(ResultOutcome.LOST, null, null))).isEqualTo(new ResultPlan.Settle(bid));
        assertThat(ResultRules.plan(open, request(ResultOutcome.CANCELLED, null, null))).isEqualTo(new ResultPlan.Settle(bid));
    }

    @Test
    void wonAboveOurBidOrInAnotherCurrencyIs422() {
        assertThat(refused(ResultRules.plan(open, request(ResultOutcome.WON, "150.01", null))))
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused(ResultRules.plan(open, request(ResultOutcome.LOST, null, "USD"))))
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void notABidOrExpiredIs409() {
        AuctionSnapshot noBid = snapshot(AuctionStatus.OPEN, noBidRound(1, terms("100"), NoBidReason.NO_MATCH), null);
        assertThat(refused(ResultRules.plan(noBid, request(ResultOutcome.LOST, null, null)))).isEqualTo(HttpStatus.CONFLICT);
        AuctionSnapshot expired = snapshot(AuctionStatus.EXPIRED,
                bidRound(1, terms("100"), "150", ReservationState.EXPIRED), null);
        assertThat(refused(ResultRules.plan(expired, request(ResultOutcome.WON, "120", null)))).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void identicalRepeatIsAReplayAndAnyOtherResultConflicts() {
        StoredResult won = new StoredResult(1, bid.decisionId(), ResultOutcome.WON, eur("120"), "EUR", NOW);
        AuctionSnapshot settled = snapshot(AuctionStatus.SETTLED,
                bidRound(1, terms("100"), "150", ReservationState.SPENT), won);
        assertThat(ResultRules.plan(settled, request(ResultOutcome.WON, "120.00", "EUR")))
                .isInstanceOf(ResultPlan.Replay.class);
        assertThat(refused(ResultRules.plan(settled, request(ResultOutcome.LOST, null, null)))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused(ResultRules.plan(settled, request(ResultOutcome.WON, "119", null)))).isEqualTo(HttpStatus.CONFLICT);
    }
}
