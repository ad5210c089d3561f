package io.oktioneer.auction.budget;

import io.oktioneer.contracts.preference.PreferenceUpserted;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The preference side of the ledger rows: who owns a preference, its currency and total budget, whether it still
 * exists. Rows are locked in preference-id order, the ledger writer's order, so the two never deadlock.
 */
@Repository
public class BudgetStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public BudgetStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public record Budget(UUID preferenceId, String currency, BigDecimal totalBudget, BigDecimal spent,
                         BigDecimal reserved) {
    }

    /** Applies preference states (newest version wins; a deleted preference stays deleted) and deletions. */
    public void apply(Collection<PreferenceUpserted> upserts, Collection<UUID> deletions) {
        List<PreferenceUpserted> sortedUpserts = upserts.stream()
                .sorted(Comparator.comparing(p -> p.preferenceId().toString())).toList();
        List<UUID> sortedDeletions = deletions.stream().sorted(Comparator.comparing(UUID::toString)).toList();
        Timestamp now = Timestamp.from(Instant.now());
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate("""
                    INSERT INTO preference_budget AS b (preference_id, user_id, currency, total_budget,
                                                        preference_version, preference_created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (preference_id) DO UPDATE
                       SET user_id = EXCLUDED.user_id, currency = EXCLUDED.currency,
                           total_budget = EXCLUDED.total_budget, preference_version = EXCLUDED.preference_version,
                           preference_created_at = EXCLUDED.preference_created_at, updated_at = EXCLUDED.updated_at
                     WHERE b.preference_version IS NULL OR b.preference_version <= EXCLUDED.preference_version""",
                    sortedUpserts, 500, (ps, p) -> {
                        ps.setObject(1, p.preferenceId());
                        ps.setString(2, p.userId());
                        ps.setString(3, p.currency());
                        ps.setBigDecimal(4, p.totalBudget());
                        ps.setLong(5, p.version());
                        ps.setTimestamp(6, p.createdAt() == null ? null : Timestamp.from(p.createdAt()));
                        ps.setTimestamp(7, now);
                    });
            jdbc.batchUpdate("UPDATE preference_budget SET deleted = true, updated_at = ? WHERE preference_id = ?",
                    sortedDeletions, 500, (ps, id) -> {
                        ps.setTimestamp(1, now);
                        ps.setObject(2, id);
                    });
        });
    }

    /** Records a user; a deleted user's preferences are all marked deleted (locked in id order). */
    public void user(String userId, boolean deleted, Instant updatedAt) {
        Timestamp at = Timestamp.from(updatedAt == null ? Instant.now() : updatedAt);
        transactions.executeWithoutResult(status -> {
            jdbc.update("""
                    INSERT INTO known_user (user_id, deleted, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at
                     WHERE known_user.updated_at <= EXCLUDED.updated_at""", userId, deleted, at);
            if (deleted) {
                jdbc.update("""
                        UPDATE preference_budget SET deleted = true, updated_at = now()
                         WHERE preference_id IN (SELECT preference_id FROM preference_budget WHERE user_id = ?
                                                  ORDER BY preference_id FOR UPDATE)""", userId);
            }
        });
    }

    /** The user's live preferences' ledgers, oldest preference first; null when the user is unknown or deleted. */
    public List<Budget> spending(String userId) {
        List<Budget> budgets = jdbc.query("""
                SELECT preference_id, currency, total_budget, spent, reserved FROM preference_budget
                 WHERE user_id = ? AND NOT deleted
                 ORDER BY preference_created_at NULLS LAST, preference_id""",
                (rs, n) -> new Budget(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5)), userId);
        if (!budgets.isEmpty()) {
            return budgets;
        }
        List<Boolean> known = jdbc.queryForList("SELECT deleted FROM known_user WHERE user_id = ?", Boolean.class,
                userId);
        return known.isEmpty() || known.getFirst() ? null : budgets;
    }
}
