package io.oktioneer.preference.preference;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PreferenceRepository {

    private static final String COLUMNS = "id, user_id, name, categories, brands, max_bid, total_budget, currency, "
            + "active, version, created_at, updated_at";

    private final JdbcClient jdbc;

    PreferenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Preference> find(String userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM preferences WHERE id = ? AND user_id = ?").params(id, userId)
                .query(PreferenceRepository::map).optional();
    }

    public Optional<Preference> findForUpdate(String userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM preferences WHERE id = ? AND user_id = ? FOR UPDATE")
                .params(id, userId).query(PreferenceRepository::map).optional();
    }

    /** One page, oldest first (ties by id, so pages are stable). */
    public List<Preference> page(String userId, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM preferences WHERE user_id = ? ORDER BY created_at, id "
                        + "LIMIT ? OFFSET ?")
                .params(userId, page.size(), page.offset()).query(PreferenceRepository::map).list();
    }

    public long count(String userId) {
        return jdbc.sql("SELECT count(*) FROM preferences WHERE user_id = ?").param(userId).query(Long.class).single();
    }

    public void insert(Preference p) {
        jdbc.sql("INSERT INTO preferences (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.userId(), p.name(), p.categories().toArray(String[]::new),
                        p.brands().toArray(String[]::new), p.maxBid(), p.totalBudget(), p.currency(), p.active(),
                        p.version(), Timestamp.from(p.createdAt()), Timestamp.from(p.updatedAt()))
                .update();
    }

    public void update(Preference p) {
        jdbc.sql("""
                UPDATE preferences SET name = ?, categories = ?, brands = ?, max_bid = ?, total_budget = ?,
                       currency = ?, active = ?, version = ?, updated_at = ?
                WHERE id = ?""")
                .params(p.name(), p.categories().toArray(String[]::new), p.brands().toArray(String[]::new),
                        p.maxBid(), p.totalBudget(), p.currency(), p.active(), p.version(),
                        Timestamp.from(p.updatedAt()), p.id())
                .update();
    }

    public boolean delete(String userId, UUID id) {
        return jdbc.sql("DELETE FROM preferences WHERE id = ? AND user_id = ?").params(id, userId).update() == 1;
    }

    /**
     * A new version of each of the user's preferences (its effective state changed with the user's status), so
     * that consumers keeping the highest version apply the change; oldest first.
     */
    public List<Preference> touchAllOfUser(String userId, Instant now) {
        return jdbc.sql("UPDATE preferences SET version = version + 1, updated_at = ? WHERE user_id = ? "
                        + "RETURNING " + COLUMNS)
                .params(Timestamp.from(now), userId).query(PreferenceRepository::map).list()
                .stream().sorted(Comparator.comparing(Preference::createdAt).thenComparing(Preference::id)).toList();
    }

    /** Deletes all of the user's preferences and returns them. */
    public List<Preference> deleteAllOfUser(String userId) {
        return jdbc.sql("DELETE FROM preferences WHERE user_id = ? RETURNING " + COLUMNS).param(userId)
                .query(PreferenceRepository::map).list();
    }

    private static Preference map(ResultSet rs, int row) throws SQLException {
        return new Preference(rs.getObject("id", UUID.class), rs.getString("user_id"), rs.getString("name"),
                strings(rs.getArray("categories")), strings(rs.getArray("brands")), rs.getBigDecimal("max_bid"),
                rs.getBigDecimal("total_budget"), rs.getString("currency"), rs.getBoolean("active"),
                rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
