package io.oktioneer.preference.preference;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored preference, and its JSON answer (fields in the order of SPEC §3). */
public record Preference(UUID id, String userId, @Schema(nullable = true) String name, List<String> categories,
                         List<String> brands, BigDecimal maxBid, @Schema(nullable = true) BigDecimal totalBudget,
                         String currency, boolean active, long version, Instant createdAt, Instant updatedAt) {

    public Preference {
        categories = List.copyOf(categories);
        brands = List.copyOf(brands);
    }

    public static Preference create(UUID id, String userId, PreferenceDraft draft, Instant now) {
        return new Preference(id, userId, draft.name(), draft.categories(), draft.brands(), draft.maxBid(),
                draft.totalBudget(), draft.currency(), draft.active(), 1, now, now);
    }

    /** The next version after a full replace by {@code draft}. */
    public Preference replacedBy(PreferenceDraft draft, Instant now) {
        return new Preference(id, userId, draft.name(), draft.categories(), draft.brands(), draft.maxBid(),
                draft.totalBudget(), draft.currency(), draft.active(), version + 1, createdAt, now);
    }
}
