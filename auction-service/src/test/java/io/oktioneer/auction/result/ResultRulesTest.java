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
import io.oktioneer.auction.auction.ReservationState;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import io.oktioneer.auction.result.ResultRequest.Outcome;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ResultRulesTest {

    private final StoredRound bid = bidRound(1, terms("100"), "150", ReservationState.OPEN);
    private final AuctionSnapshot open = snapshot(AuctionStatus.OPEN, bid, null);

    private static ResultRequest request(Outcome outcome, String clearing, String currency) {
        return new ResultRequest(KEY.exchange(), KEY.auctionId(), outcome, clearing == null ? null : eur(clearing),
                currency);
    }

    private static HttpStatus refused(ResultPlan plan) {
        assertThat(plan).isInstanceOf(ResultPlan.Refused.class);
        return ((ResultPlan.Refused) plan).status();
    }

    @Test
    void unknownAuctionIs404() {
        assertThat(refused(ResultRules.plan(null, request(Outcome.WON, "100", null)))).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void settlesTheOpenBid() {
        assertThat(ResultRules.plan(open, request(Outcome.WON, "150", "EUR"))).isEqualTo(new ResultPlan.Settle(bid));
        assertThat(ResultRules.plan(open, request(Outcome.LOST, null, null))).isEqualTo(new ResultPlan.Settle(bid));
        assertThat(ResultRules.plan(open, request(Outcome.CANCELLED, null, null))).isEqualTo(new ResultPlan.Settle(bid));
    }

    @Test
    void wonAboveOurBidOrInAnotherCurrencyIs422() {
        assertThat(refused(ResultRules.plan(open, request(Outcome.WON, "150.01", null))))
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused(ResultRules.plan(open, request(Outcome.LOST, null, "USD"))))
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void notABidOrExpiredIs409() {
        AuctionSnapshot noBid = snapshot(AuctionStatus.OPEN, noBidRound(1, terms("100"), "NO_MATCH"), null);
        assertThat(refused(ResultRules.plan(noBid, request(Outcome.LOST, null, null)))).isEqualTo(HttpStatus.CONFLICT);
        AuctionSnapshot expired = snapshot(AuctionStatus.EXPIRED,
                bidRound(1, terms("100"), "150", ReservationState.EXPIRED), null);
        assertThat(refused(ResultRules.plan(expired, request(Outcome.WON, "120", null)))).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void identicalRepeatIsAReplayAndAnyOtherResultConflicts() {
        StoredResult won = new StoredResult(1, bid.decisionId(), "WON", eur("120"), "EUR", NOW);
        AuctionSnapshot settled = snapshot(AuctionStatus.SETTLED,
                bidRound(1, terms("100"), "150", ReservationState.SPENT), won);
        assertThat(ResultRules.plan(settled, request(Outcome.WON, "120.00", "EUR")))
                .isInstanceOf(ResultPlan.Replay.class);
        assertThat(refused(ResultRules.plan(settled, request(Outcome.LOST, null, null)))).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused(ResultRules.plan(settled, request(Outcome.WON, "119", null)))).isEqualTo(HttpStatus.CONFLICT);
    }
}
