package io.oktioneer.auction.result;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.ResultOutcome;
import io.oktioneer.auction.web.JsonFields;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/auctions/result} (SPEC §3), validated by {@link #parse} (every invalid field
 * listed in one 400). Its schema is the published one. {@code clearingPrice} is required for WON.
 */
@Schema(name = "ResultRequest", description = "An auction's outcome, posted by its exchange. Unknown fields are"
        + " ignored; a field sent as null is the same as one left out.")
public record ResultRequest(
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The exchange running the auction; an"
                + " EXCHANGE key may post only for its own", pattern = "^[a-z0-9._-]{1,64}$", minLength = 1,
                maxLength = 64, example = "ex-paris")
        String exchange,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The auction's id at its exchange",
                pattern = "^[\\x20-\\x7E]{1,128}$", minLength = 1, maxLength = 128, example = "A-123")
        String auctionId,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "WON turns the reservation into spend;"
                + " LOST and CANCELLED release it")
        ResultOutcome outcome,
        @Schema(description = "The price paid; required for WON, at most our bid", minimum = "0.01",
                maximum = "1000000000", multipleOf = 0.01, nullable = true, example = "175.00")
        BigDecimal clearingPrice,
        @Schema(description = "ISO 4217 code; 422 when it is not the auction's", pattern = "^[A-Z]{3}$",
                minLength = 3, maxLength = 3, nullable = true, example = "EUR")
        String currency) {

    public static final String EXAMPLE = """
            {"exchange": "ex-paris", "auctionId": "A-123", "outcome": "WON", "clearingPrice": 175.00,
             "currency": "EUR"}""";

    public AuctionKey key() {
        return new AuctionKey(exchange, auctionId);
    }

    public static ResultRequest parse(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String exchange = fields.exchange("exchange");
        String auctionId = fields.auctionId("auctionId");
        boolean outcomeGiven = fields.present("outcome");
        ResultOutcome outcome = fields.enumValue("outcome", ResultOutcome.class, null);
        if (!outcomeGiven) {
            fields.reject("outcome", "must not be null");
        }
        BigDecimal clearingPrice = fields.amount("clearingPrice", outcome == ResultOutcome.WON, false);
        String currency = fields.currency("currency", false);
        fields.throwIfInvalid();
        return new ResultRequest(exchange, auctionId, outcome, clearingPrice, currency);
    }

    /** The exchange named in a body, as sent, for the ownership check that comes before validation. */
    public static String exchangeAsSent(JsonNode body) {
        JsonNode exchange = body == null ? null : body.get("exchange");
        return exchange != null && exchange.isString() ? exchange.stringValue() : null;
    }
}
