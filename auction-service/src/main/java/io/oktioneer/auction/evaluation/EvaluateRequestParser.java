package io.oktioneer.auction.evaluation;

import io.oktioneer.auction.auction.AuctionTerms;
import io.oktioneer.auction.auction.AuctionType;
import io.oktioneer.auction.web.JsonFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.JsonNode;

/**
 * Validates an evaluate body (SPEC §3) into an {@link EvaluateRequest} and applies the defaults; every bad field is
 * reported at once. By hand, not Bean Validation: this is the hot path.
 */
public final class EvaluateRequestParser {

    static final int MAX_ITEM_KEY_LENGTH = 256;
    static final int MAX_TITLE_LENGTH = 1024;

    private EvaluateRequestParser() {
    }

    public static EvaluateRequest parse(JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String exchange = fields.exchange("exchange");
        String auctionId = fields.auctionId("auctionId");
        JsonFields item = fields.object("item", true);
        String category = null;
        String brand = null;
        String title = null;
        if (item != null) {
            category = item.string("category", false, MAX_ITEM_KEY_LENGTH);
            brand = item.string("brand", false, MAX_ITEM_KEY_LENGTH);
            title = item.string("title", false, MAX_TITLE_LENGTH);
        }
        BigDecimal floorPrice = fields.amount("floorPrice", true, true);
        String currency = fields.currency("currency", true);
        AuctionType auctionType = fields.enumValue("auctionType", AuctionType.class, AuctionType.ENGLISH);
        BigDecimal minIncrement = fields.present("minIncrement")
                ? fields.amount("minIncrement", false, false) : AuctionTerms.DEFAULT_MIN_INCREMENT;
        Instant closesAt = fields.instant("closesAt");
        Integer tmaxMs = fields.present("tmaxMs")
                ? fields.integer("tmaxMs", false, 1, 60_000) : Integer.valueOf(AuctionTerms.DEFAULT_TMAX_MS);
        fields.throwIfInvalid();
        return new EvaluateRequest(exchange, auctionId, new EvaluateRequest.AuctionItem(category, brand, title),
                floorPrice, currency, auctionType, minIncrement,
                closesAt == null ? null : closesAt.truncatedTo(ChronoUnit.MILLIS), tmaxMs);
    }
}
