package io.oktioneer.auction.evaluation;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.AuctionType;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The body of {@code POST /api/v1/auctions/evaluate} (SPEC §3) as {@link EvaluateRequestParser} produces it:
 * validated, amounts at scale 2, defaults applied. Its schema is the published one; the parser, not Bean
 * Validation, enforces it (every invalid field listed in one 400).
 */
@Schema(name = "EvaluateRequest", description = "An auction to decide on. Unknown fields are ignored; a field sent"
        + " as null is the same as one left out. Amounts are JSON numbers in the currency's major unit with at most"
        + " 2 fraction digits.")
public record EvaluateRequest(
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The exchange running the auction",
                pattern = "^[a-z0-9._-]{1,64}$", minLength = 1, maxLength = 64, example = "ex-paris")
        String exchange,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The auction's id at its exchange; with"
                + " `exchange` it identifies the auction", pattern = "^[\\x20-\\x7E]{1,128}$", minLength = 1,
                maxLength = 128, example = "A-123")
        String auctionId,
        @Schema(requiredMode = RequiredMode.REQUIRED)
        AuctionItem item,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "The lowest bid the exchange accepts",
                minimum = "0", maximum = "1000000000", multipleOf = 0.01, example = "120.00")
        BigDecimal floorPrice,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "ISO 4217 code; only preferences in this"
                + " currency match", pattern = "^[A-Z]{3}$", minLength = 3, maxLength = 3, example = "EUR")
        String currency,
        @Schema(description = "ENGLISH: open ascending; FIRST_PRICE, SECOND_PRICE: sealed",
                defaultValue = "ENGLISH", nullable = true)
        AuctionType auctionType,
        @Schema(description = "The step over the runner-up an ENGLISH or FIRST_PRICE bid takes",
                defaultValue = "0.01", minimum = "0.01", maximum = "1000000000", multipleOf = 0.01,
                nullable = true, example = "1.00")
        BigDecimal minIncrement,
        @Schema(description = "When the auction closes (ISO-8601); once passed the answer is NO_BID"
                + " AUCTION_CLOSED", format = "date-time", nullable = true, example = "2026-11-24T18:00:00.000Z")
        Instant closesAt,
        @Schema(description = "Milliseconds the caller waits for the answer; not part of the auction (replays"
                + " ignore it)", minimum = "1", maximum = "60000", defaultValue = "100", nullable = true,
                example = "80")
        Integer tmaxMs) {

    @Schema(name = "AuctionItem", description = "What is sold. An item without a category or brand matches only"
            + " preferences with no categories or no brands.")
    public record AuctionItem(
            @Schema(description = "Compared case-insensitively after trimming", maxLength = 256, nullable = true,
                    example = "watches")
            String category,
            @Schema(description = "Compared case-insensitively after trimming", maxLength = 256, nullable = true,
                    example = "Omega")
            String brand,
            @Schema(description = "Shown in events and analytics; not matched", maxLength = 1024, nullable = true,
                    example = "Seamaster 1972")
            String title) {
    }

    public static final String EXAMPLE = """
            {"exchange": "ex-paris", "auctionId": "A-123",
             "item": {"category": "watches", "brand": "Omega", "title": "Seamaster 1972"},
             "floorPrice": 120.00, "currency": "EUR", "auctionType": "ENGLISH", "minIncrement": 1.00,
             "closesAt": "2026-11-24T18:00:00.000Z", "tmaxMs": 80}""";

    public AuctionKey key() {
        return new AuctionKey(exchange, auctionId);
    }

    /** The auction as the rest of the service works with it. */
    public AuctionTerms terms() {
        return new AuctionTerms(key(), new io.oktioneer.contracts.auction.Item(item.category(), item.brand(),
                item.title()), floorPrice, currency, auctionType, minIncrement, closesAt, tmaxMs);
    }
}
