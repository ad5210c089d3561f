package io.oktioneer.engine.feed;

import io.oktioneer.contracts.EventTypes;
import io.oktioneer.contracts.auction.BudgetSnapshot;
import io.oktioneer.contracts.preference.PreferenceDeleted;
import io.oktioneer.contracts.preference.PreferenceUpserted;
import io.oktioneer.contracts.preference.UserUpdated;
import io.oktioneer.engine.index.Cents;
import io.oktioneer.engine.index.PreferenceIndex;
import io.oktioneer.engine.index.PreferenceRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one Kafka record (an {@code EventEnvelope} in JSON, or a tombstone) into index changes. Never throws: a
 * record it cannot use is reported as {@link Result#IGNORED} (unknown type) or {@link Result#REJECTED}
 * (undecodable or invalid), and the feed moves on.
 */
final class FeedRecords {

    enum Result {
        APPLIED, TOMBSTONE, IGNORED, REJECTED;

        String tag() {
            return name().toLowerCase();
        }
    }

    /** Why the last record was rejected, for the log. */
    private String lastRejection;

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final PreferenceIndex index;

    FeedRecords(PreferenceIndex index) {
        this.index = index;
    }

    String lastRejection() {
        return lastRejection;
    }

    /** A record of the preferences topic. */
    Result preference(String key, String value) {
        try {
            if (value == null) {
                UUID id = preferenceIdOrNull(key);
                if (id != null) {
                    index.delete(id);
                }
                return Result.TOMBSTONE;
            }
            JsonNode envelope = json.readTree(value);
            JsonNode payload = envelope.path("payload");
            switch (envelope.path("type").asString("")) {
                case EventTypes.PREFERENCE_UPSERTED ->
                        index.upsert(record(json.treeToValue(payload, PreferenceUpserted.class)));
                case EventTypes.PREFERENCE_DELETED ->
                        index.delete(required(json.treeToValue(payload, PreferenceDeleted.class).preferenceId(),
                                "preferenceId"));
                case EventTypes.USER_UPDATED -> {
                    UserUpdated user = json.treeToValue(payload, UserUpdated.class);
                    index.userStatus(required(user.userId(), "userId"),
                            !user.deleted() && "ACTIVE".equalsIgnoreCase(user.status()));
                }
                default -> {
                    return Result.IGNORED;
                }
            }
            return Result.APPLIED;
        } catch (JacksonException | IllegalArgumentException | ArithmeticException e) {
            lastRejection = e.getClass().getSimpleName() + ": " + e.getMessage();
            return Result.REJECTED;
        }
    }

    /** A record of the auctions topic: every event carries the ledger snapshots it changed. */
    Result auction(String value) {
        if (value == null) {
            return Result.TOMBSTONE;
        }
        try {
            JsonNode envelope = json.readTree(value);
            String type = envelope.path("type").asString("");
            if (!type.equals(EventTypes.AUCTION_EVALUATED) && !type.equals(EventTypes.AUCTION_RESULT_RECORDED)
                    && !type.equals(EventTypes.AUCTION_EXPIRED)) {
                return Result.IGNORED;
            }
            JsonNode budgets = envelope.path("payload").path("budgets");
            List<BudgetSnapshot> snapshots = new ArrayList<>();
            for (JsonNode budget : budgets) {
                BudgetSnapshot snapshot = json.treeToValue(budget, BudgetSnapshot.class);
                required(snapshot.preferenceId(), "budgets.preferenceId");
                Cents.of(amount(snapshot.spent(), "budgets.spent"));
                Cents.of(amount(snapshot.reserved(), "budgets.reserved"));
                snapshots.add(snapshot);
            }
            for (BudgetSnapshot s : snapshots) {
                index.ledger(s.preferenceId(), Cents.of(s.spent()), Cents.of(s.reserved()), s.ledgerVersion());
            }
            return Result.APPLIED;
        } catch (JacksonException | IllegalArgumentException | ArithmeticException e) {
            lastRejection = e.getClass().getSimpleName() + ": " + e.getMessage();
            return Result.REJECTED;
        }
    }

    private static PreferenceRecord record(PreferenceUpserted p) {
        long maxBid = Cents.of(amount(p.maxBid(), "maxBid"));
        long totalBudget = p.totalBudget() == null ? PreferenceRecord.NO_TOTAL_BUDGET
                : Cents.of(amount(p.totalBudget(), "totalBudget"));
        return new PreferenceRecord(required(p.preferenceId(), "preferenceId"), required(p.userId(), "userId"),
                "ACTIVE".equalsIgnoreCase(p.userStatus()), p.categories(), p.brands(), maxBid, totalBudget,
                required(p.currency(), "currency"), p.active(), required(p.createdAt(), "createdAt").toEpochMilli());
    }

    private static BigDecimal amount(BigDecimal value, String field) {
        if (required(value, field).signum() < 0) {
            throw new IllegalArgumentException(field + " is negative");
        }
        return value;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static UUID preferenceIdOrNull(String key) {
        try {
            return key == null ? null : UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null; // e.g. the key of a user (user:<id>): nothing to delete
        }
    }
}
