package io.oktioneer.auction.result;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.web.JsonFields;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/** A validated result body. {@code clearingPrice} is required for WON; {@code currency} is optional. */
public record ResultRequest(AuctionKey key, Outcome outcome, BigDecimal clearingPrice, String currency) {

    public enum Outcome {
        WON, LOST, CANCELLED
    }

    public static ResultRequest parse(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String exchange = fields.exchange("exchange");
        String auctionId = fields.auctionId("auctionId");
        boolean outcomeGiven = fields.present("outcome");
        Outcome outcome = fields.enumValue("outcome", Outcome.class, null);
        if (!outcomeGiven) {
            fields.reject("outcome", "must not be null");
        }
        BigDecimal clearingPrice = fields.amount("clearingPrice", outcome == Outcome.WON, false);
        String currency = fields.currency("currency", false);
        fields.throwIfInvalid();
        return new ResultRequest(new AuctionKey(exchange, auctionId), outcome, clearingPrice, currency);
    }

    /** The exchange named in a body, as sent, for the ownership check that comes before validation. */
    public static String exchangeAsSent(JsonNode body) {
        JsonNode exchange = body == null ? null : body.get("exchange");
        return exchange != null && exchange.isString() ? exchange.stringValue() : null;
    }
}
