package io.oktioneer.support.outbox;

import java.sql.SQLException;
import java.util.List;

/** The relay's side of the outbox table: who relays, the oldest rows, deleting the published ones. */
interface OutboxTable {

    /** True while this instance is the elected relay (becoming it when nobody is). */
    boolean lead() throws SQLException;

    /** Gives the relay's place up (another instance may take it). */
    void release();

    /** The oldest rows, in id order. Only while leading. */
    List<OutboxRecord> oldest(int limit) throws SQLException;

    /** Deletes exactly these rows (never by range: a lower id may belong to a transaction not committed yet). */
    void delete(List<Long> ids) throws SQLException;
}
