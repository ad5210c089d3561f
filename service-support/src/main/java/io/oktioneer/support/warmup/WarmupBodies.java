package io.oktioneer.support.warmup;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies the warm-ups send: read-only, whichever service they go through. */
public final class WarmupBodies {

    private static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");
    private static final List<String> CATEGORIES = List.of("watches", "sneakers", "bags", "phones");
    private static final List<String> TYPES = List.of("ENGLISH", "FIRST_PRICE", "SECOND_PRICE");

    private WarmupBodies() {
    }

    /**
     * A complete evaluation with {@code tmaxMs} 0: the auction-service's parser reads every field, then refuses
     * it (400), so nothing is evaluated, reserved or published.
     */
    public static Map<String, Object> refusedEvaluation(int i) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("category", CATEGORIES.get(i % CATEGORIES.size()));
        item.put("brand", "Brand " + (i % 13));
        item.put("title", "warm-up item " + i);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exchange", "warmup");
        body.put("auctionId", "warmup-" + i);
        body.put("item", item);
        body.put("floorPrice", new BigDecimal(i % 500 + ".50"));
        body.put("currency", CURRENCIES.get(i % CURRENCIES.size()));
        body.put("auctionType", TYPES.get(i % TYPES.size()));
        body.put("minIncrement", new BigDecimal("1.00"));
        body.put("closesAt", "2099-01-01T00:00:00.000Z");
        body.put("tmaxMs", 0);
        return body;
    }
}
