package io.oktioneer.auction.auction;

import java.math.BigDecimal;
import java.util.UUID;

/** Budget held for a BID round: {@code amount} of preference {@code preferenceId}. */
public record Reservation(UUID preferenceId, String userId, BigDecimal amount, String currency) {
}
