package io.oktioneer.auction.ledger;

import java.math.BigDecimal;
import java.util.UUID;

/** One preference's budget ledger as read at the start of a batch. {@code totalBudget} null = no cap. */
public record LedgerRow(UUID preferenceId, String userId, String currency, BigDecimal totalBudget, BigDecimal spent,
                        BigDecimal reserved, long version, boolean deleted) {
}
