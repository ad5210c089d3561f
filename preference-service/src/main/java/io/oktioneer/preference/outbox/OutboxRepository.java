package io.oktioneer.preference.outbox;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OutboxRepository {

    /** Advisory lock key of the relay: one relay at a time per database publishes, whatever the instances. */
    private static final long RELAY_LOCK = 0x6f6b745f70726566L;

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, String key, String payload, String traceparent) {
    }

    record Backlog(long rows, double oldestAgeSeconds) {
    }

    /**
     * Takes the relay lock until the end of the current transaction; false when another instance's relay holds
     * it. A single publisher keeps each key's records in commit order across instances (rows of the same key are
     * written under the same row lock, so their ids follow their commits).
     */
    boolean tryRelayLock() {
        return jdbc.sql("SELECT pg_try_advisory_xact_lock(?)").param(RELAY_LOCK).query(Boolean.class).single();
    }

    List<Row> oldest(int limit) {
        return jdbc.sql("SELECT id, message_key, payload, traceparent FROM outbox ORDER BY id LIMIT ?").param(limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    /** Deletes exactly these rows (never by range: a lower id may belong to a transaction not yet committed). */
    void delete(List<Long> ids) {
        jdbc.sql("DELETE FROM outbox WHERE id = ANY (?)").param(ids.toArray(Long[]::new)).update();
    }

    Backlog backlog() {
        return jdbc.sql("SELECT count(*), COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(created_at)), 0) "
                        + "FROM outbox")
                .query((rs, n) -> new Backlog(rs.getLong(1), rs.getDouble(2))).single();
    }
}
