package io.oktioneer.contracts.engine;

import java.math.BigDecimal;

/**
 * The auction-service asks the decision-engine ({@code POST /internal/v1/decisions}, internal token required,
 * not routed by the gateway) for the ranked candidates of one auction. Amounts are exact; category and brand
 * are as the bidder sent them (the engine normalises: trim, lower case); null means the item has none.
 * {@code auctionType} is ENGLISH, FIRST_PRICE or SECOND_PRICE; {@code maxCandidates} caps the ranked list.
 */
public record EngineRequest(String exchange, String auctionId, String category, String brand,
                            BigDecimal floorPrice, String currency, String auctionType, BigDecimal minIncrement,
                            int maxCandidates) {
}
