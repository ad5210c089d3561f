package io.oktioneer.history.events;

import java.math.BigDecimal;

/** One row of {@code auction_events}, as decoded from one Kafka record; UUIDs as canonical text. */
public record AuctionEventRow(String eventId, String eventType, int eventVersion, long occurredAtMs,
                              String decisionId, String exchange, String auctionId, Integer round, String category,
                              String brand, String auctionType, String decision, String reason, String outcome,
                              String userId, String preferenceId, BigDecimal bidAmount, BigDecimal floorPrice,
                              BigDecimal clearingPrice, BigDecimal releasedAmount, String currency,
                              Integer candidates, Double latencyMs, Double engineLatencyMs, String traceId,
                              int partition, long offset, byte[] raw) {
}
