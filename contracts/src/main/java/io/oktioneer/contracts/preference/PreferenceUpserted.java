package io.oktioneer.contracts.preference;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The full state of a preference after a change, with its user's status (a SUSPENDED user's preferences never
 * match). Published on every create, replace and user status change. Categories and brands are normalised
 * (trimmed, lower case, distinct); an empty list means "any".
 */
public record PreferenceUpserted(UUID preferenceId, String userId, String userStatus, String name,
                                 List<String> categories, List<String> brands, BigDecimal maxBid,
                                 BigDecimal totalBudget, String currency, boolean active, long version,
                                 Instant createdAt, Instant updatedAt) {
}
