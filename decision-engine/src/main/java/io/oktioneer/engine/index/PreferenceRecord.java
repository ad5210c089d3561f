package io.oktioneer.engine.index;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One preference as the preference-service last published it, amounts in cents.
 *
 * @param totalBudgetCents {@link #NO_TOTAL_BUDGET} when the preference has no cap
 * @param userActive       the user's status carried by the event (false for SUSPENDED)
 * @param categories       as published; the index trims, lower-cases and de-duplicates again; empty = any
 */
public record PreferenceRecord(UUID id, String userId, boolean userActive, List<String> categories,
                               List<String> brands, long maxBidCents, long totalBudgetCents, String currency,
                               boolean active, long createdAtMillis) {

    public static final long NO_TOTAL_BUDGET = -1;

    public PreferenceRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(currency, "currency");
        categories = categories == null ? List.of() : categories;
        brands = brands == null ? List.of() : brands;
        if (maxBidCents < 0 || maxBidCents > Cents.MAX) {
            throw new IllegalArgumentException("maxBid out of range: " + maxBidCents);
        }
        if (totalBudgetCents < NO_TOTAL_BUDGET || totalBudgetCents > Cents.MAX) {
            throw new IllegalArgumentException("totalBudget out of range: " + totalBudgetCents);
        }
    }
}
