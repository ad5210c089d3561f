package io.oktioneer.support.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox table in PostgreSQL. The relay is elected by a session advisory lock held on a connection of its
 * own, which it also reads and deletes on: the lock lasts as long as that session, so an instance that dies or
 * loses its connection hands the relay over. Relay thread only.
 */
final class JdbcOutboxTable implements OutboxTable {

    private static final Logger log = LoggerFactory.getLogger(JdbcOutboxTable.class);

    private final DataSource dataSource;
    private final String select;
    private final String delete;
    private final long lockKey;
    private final long recheckNanos;
    private Connection leader;
    private long checkedAt;

    JdbcOutboxTable(DataSource dataSource, String table, long lockKey, Duration recheck) {
        this.dataSource = dataSource;
        this.select = "SELECT id, message_key, payload, traceparent FROM " + table + " ORDER BY id LIMIT ?";
        this.delete = "DELETE FROM " + table + " WHERE id = ANY(?)";
        this.lockKey = lockKey;
        this.recheckNanos = recheck.toNanos();
    }

    @Override
    public boolean lead() throws SQLException {
        long now = System.nanoTime();
        if (leader != null) {
            if (now - checkedAt < recheckNanos) {
                return true;
            }
            checkedAt = now;
            if (leader.isValid(2)) {
                return true;
            }
            release();
        }
        Connection candidate = dataSource.getConnection();
        boolean locked;
        try (PreparedStatement lock = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                locked = rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            candidate.close();
            throw e;
        }
        if (!locked) {
            candidate.close();
            return false;
        }
        leader = candidate;
        checkedAt = now;
        return true;
    }

    @Override
    public void release() {
        Connection connection = leader;
        leader = null;
        if (connection == null) {
            return;
        }
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, lockKey);
            unlock.execute();
        } catch (SQLException e) {
            log.debug("advisory unlock failed (the session is gone, so is the lock)", e);
        }
    }

    @Override
    public List<OutboxRecord> oldest(int limit) throws SQLException {
        try (PreparedStatement statement = leader().prepareStatement(select)) {
            statement.setInt(1, limit);
            List<OutboxRecord> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        }
    }

    @Override
    public void delete(List<Long> ids) throws SQLException {
        Connection connection = leader();
        try (PreparedStatement statement = connection.prepareStatement(delete)) {
            statement.setArray(1, connection.createArrayOf("int8", ids.toArray(Long[]::new)));
            statement.executeUpdate();
        }
    }

    private Connection leader() throws SQLException {
        if (leader == null) {
            throw new SQLException("not the outbox relay");
        }
        return leader;
    }
}
