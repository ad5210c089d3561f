package io.oktioneer.contracts.auction;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A preference's ledger after the change an auction event records. {@code ledgerVersion} grows by one with
 * every change of that preference's ledger, so a consumer keeps the snapshot with the highest version whatever
 * order events from different auctions arrive in.
 */
public record BudgetSnapshot(UUID preferenceId, BigDecimal spent, BigDecimal reserved, long ledgerVersion) {
}
