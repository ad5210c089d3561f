package io.oktioneer.auction.result;

import io.oktioneer.auction.auction.AuctionSnapshot;
import io.oktioneer.auction.auction.AuctionStatus;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * SPEC §3 result rules, in this order: unknown auction 404; currency other than the auction's 422; a result
 * already recorded: the identical one is a replay, any other 409; reservation expired 409; latest round not a
 * BID 409; WON above our bid 422.
 */
public final class ResultRules {

    private ResultRules() {
    }

    public static ResultPlan plan(AuctionSnapshot auction, ResultRequest request) {
        if (auction == null) {
            return new ResultPlan.Refused(HttpStatus.NOT_FOUND, "Unknown auction.");
        }
        StoredRound latest = auction.latestRound();
        String currency = latest.terms().currency();
        if (request.currency() != null && !request.currency().equals(currency)) {
            return new ResultPlan.Refused(HttpStatus.UNPROCESSABLE_CONTENT,
                    "currency " + request.currency() + " differs from the auction's " + currency + ".");
        }
        StoredResult recorded = auction.result();
        if (recorded != null) {
            return identical(recorded, request) ? new ResultPlan.Replay(recorded, latest)
                    : new ResultPlan.Refused(HttpStatus.CONFLICT,
                    "A different result (" + recorded.outcome() + ") is already recorded for this auction.");
        }
        if (auction.status() == AuctionStatus.EXPIRED) {
            return new ResultPlan.Refused(HttpStatus.CONFLICT, "The auction's reservation has already expired.");
        }
        if (!latest.isBid()) {
            return new ResultPlan.Refused(HttpStatus.CONFLICT, "The auction's latest round is not a BID.");
        }
        if (request.outcome() == ResultOutcome.WON
                && request.clearingPrice().compareTo(latest.bid().amount()) > 0) {
            return new ResultPlan.Refused(HttpStatus.UNPROCESSABLE_CONTENT,
                    "clearingPrice " + request.clearingPrice() + " is above our bid " + latest.bid().amount() + ".");
        }
        return new ResultPlan.Settle(latest);
    }

    private static boolean identical(StoredResult recorded, ResultRequest request) {
        return recorded.outcome() == request.outcome()
                && Objects.equals(recorded.clearingPrice(), request.clearingPrice());
    }
}
