package io.oktioneer.preference.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<User> find(String userId) {
        return jdbc.sql("SELECT * FROM users WHERE user_id = ?").param(userId).query(UserRepository::map).optional();
    }

    /** Locks the user row until commit, so its status and existence cannot change meanwhile. */
    public Optional<User> findForUpdate(String userId) {
        return jdbc.sql("SELECT * FROM users WHERE user_id = ? FOR UPDATE").param(userId)
                .query(UserRepository::map).optional();
    }

    /**
     * The user's status, with a shared lock until commit: preference writes take it so that a concurrent status
     * change or delete of the user waits for them (and then sees their rows).
     */
    public Optional<UserStatus> statusForShare(String userId) {
        return jdbc.sql("SELECT status FROM users WHERE user_id = ? FOR SHARE").param(userId)
                .query((rs, n) -> UserStatus.valueOf(rs.getString(1))).optional();
    }

    public boolean exists(String userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE user_id = ?)").param(userId)
                .query(Boolean.class).single();
    }

    /** Inserts the user unless it exists (a concurrent create won); true when inserted. */
    public boolean insertIfAbsent(User user) {
        return jdbc.sql("""
                INSERT INTO users (user_id, display_name, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO NOTHING""")
                .params(user.userId(), user.displayName(), user.status().name(),
                        Timestamp.from(user.createdAt()), Timestamp.from(user.updatedAt()))
                .update() == 1;
    }

    public void update(User user) {
        jdbc.sql("UPDATE users SET display_name = ?, status = ?, updated_at = ? WHERE user_id = ?")
                .params(user.displayName(), user.status().name(), Timestamp.from(user.updatedAt()), user.userId())
                .update();
    }

    public void delete(String userId) {
        jdbc.sql("DELETE FROM users WHERE user_id = ?").param(userId).update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getString("user_id"), rs.getString("display_name"), UserStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
