package io.oktioneer.contracts.auction;

import java.math.BigDecimal;
import java.util.UUID;

public record Bid(BigDecimal amount, String currency, String userId, UUID preferenceId) {
}
