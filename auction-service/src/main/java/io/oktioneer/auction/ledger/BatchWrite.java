package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.NoBidReason;
import io.oktioneer.auction.auction.StoredResult;
import io.oktioneer.auction.auction.StoredRound;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The second round trip of a ledger group commit ({@link LedgerStore}): the rows the batch changes locked in id
 * order, then one statement writing everything — an aggregated conditional UPDATE per preference, multi-row
 * inserts of rounds, results and outbox events, and the reservation state of previous rounds — then the COMMIT,
 * all in one message, so budget rows are locked only inside the server.
 *
 * <p>The batch was resolved against rows read without locks, which another writer (another instance) may have
 * changed since. A preference's UPDATE applies its change to the row as it is now if the budget still holds it
 * (and, for a reservation, the preference is not deleted); a row that does not qualify fails the 'budgets' check
 * with SQLSTATE 40001 and the batch is rolled back and written again from fresh reads ({@link LedgerWriter}). An
 * uncapped preference, the hot row of most auctions, thus never conflicts. The events' budget snapshots, computed
 * from the rows read, are moved by what the other writer changed ({@code ledger_rebase}), so every event states
 * its rows as committed; the statement answers those payloads for the relay. The text is fixed whatever the
 * batch size ({@code unnest} of arrays), so it stays prepared.
 */
final class BatchWrite {

    /**
     * Locks the rows the write changes, in id order, before it changes them: the UPDATE of the write would take
     * them in whatever order its join produces, and two writers taking two hot rows in opposite orders would
     * deadlock until the statement time-out. A row another writer changed since the batch read it is locked in
     * its new version, which the write then checks against the budget.
     */
    private static final String LOCK = """
            SELECT preference_id FROM preference_budget WHERE preference_id = ANY(?::uuid[])
             ORDER BY preference_id FOR UPDATE""";

    private static final String WRITE = """
            WITH budgets AS (
                UPDATE preference_budget p
                   SET spent = p.spent + v.d_spent, reserved = p.reserved + v.d_reserved,
                       ledger_version = p.ledger_version + v.changes, updated_at = ?
                  FROM unnest(?::uuid[], ?::numeric[], ?::numeric[], ?::int[], ?::int8[], ?::numeric[], ?::numeric[])
                       AS v(id, d_spent, d_reserved, changes, read_version, read_spent, read_reserved)
                 WHERE p.preference_id = v.id
                   AND (v.d_spent + v.d_reserved <= 0 OR NOT p.deleted)
                   AND (p.total_budget IS NULL OR v.d_spent + v.d_reserved <= 0
                        OR p.spent + p.reserved + v.d_spent + v.d_reserved <= p.total_budget)
                RETURNING p.preference_id, p.ledger_version - v.changes - v.read_version AS moved_version,
                          p.spent - v.d_spent - v.read_spent AS moved_spent,
                          p.reserved - v.d_reserved - v.read_reserved AS moved_reserved
            ), moved AS (
                SELECT jsonb_object_agg(preference_id::text, jsonb_build_object('spent', moved_spent,
                        'reserved', moved_reserved, 'version', moved_version)) AS offsets
                  FROM budgets WHERE moved_version <> 0
            ), rounds AS (
                INSERT INTO auction_round (exchange, auction_id, round, decision_id, category, brand, title,
                        floor_price, currency, auction_type, min_increment, closes_at, tmax_ms, decision, reason,
                        bid_amount, user_id, preference_id, candidates, engine_latency_ms, latency_ms, evaluated_at,
                        reservation, expires_at)
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::uuid[], ?::varchar[], ?::varchar[],
                        ?::varchar[], ?::numeric[], ?::varchar[], ?::varchar[], ?::numeric[], ?::timestamptz[],
                        ?::int[], ?::varchar[], ?::varchar[], ?::numeric[], ?::varchar[], ?::uuid[], ?::int[],
                        ?::float8[], ?::float8[], ?::timestamptz[], ?::varchar[], ?::timestamptz[])
                RETURNING 1
            ), reservations AS (
                UPDATE auction_round r SET reservation = v.state
                  FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::varchar[]) AS v(exchange, auction_id, round, state)
                 WHERE r.exchange = v.exchange AND r.auction_id = v.auction_id AND r.round = v.round
                   AND r.reservation = 'OPEN'
                RETURNING 1
            ), results AS (
                INSERT INTO auction_result (exchange, auction_id, round, decision_id, outcome, clearing_price,
                        currency, recorded_at)
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::uuid[], ?::varchar[], ?::numeric[],
                        ?::varchar[], ?::timestamptz[])
                RETURNING 1
            ), events AS (
                INSERT INTO outbox (event_id, event_type, message_key, payload, traceparent, created_at)
                SELECT v.event_id, v.event_type, v.message_key,
                       coalesce(CASE WHEN m.offsets IS NOT NULL THEN ledger_rebase(v.payload, m.offsets) END, v.payload),
                       v.traceparent, ?
                  FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[])
                       WITH ORDINALITY AS v(event_id, event_type, message_key, payload, traceparent, n), moved m
                 ORDER BY v.n
                RETURNING id, event_id, payload
            )
            SELECT ledger_assert((SELECT count(*) FROM budgets) = ?, 'budgets')
               AND ledger_assert((SELECT count(*) FROM rounds) = ?, 'rounds')
               AND ledger_assert((SELECT count(*) FROM reservations) = ?, 'reservations')
               AND ledger_assert((SELECT count(*) FROM results) = ?, 'results')
               AND ledger_assert((SELECT count(*) FROM events) = ?, 'events'),
                   e.ids, e.event_ids, CASE WHEN (SELECT offsets FROM moved) IS NOT NULL THEN e.payloads END
              FROM (SELECT array_agg(id) AS ids, array_agg(event_id) AS event_ids, array_agg(payload) AS payloads
                      FROM events) e""";

    private BatchWrite() {
    }

    /**
     * The outbox row id of each event id, and the payloads as stored when another writer's change moved the
     * budget snapshots of some (null otherwise: stored as given).
     */
    record Written(Map<UUID, Long> ids, Map<UUID, String> rebasedPayloads) {
    }

    /** Writes the batch and sends the COMMIT. */
    static Written write(Connection connection, BatchResolver.Plan plan, List<LedgerStore.OutboxRow> events,
                                 Map<UUID, Double> latencies, Instant now) throws SQLException {
        List<StoredRoundRow> rounds = new ArrayList<>();
        List<ResultRow> results = new ArrayList<>();
        for (BatchResolver.Effect effect : plan.effects()) {
            switch (effect) {
                case BatchResolver.RoundEffect r -> rounds.add(new StoredRoundRow(r.command().key(), r.round()));
                case BatchResolver.SettleEffect s -> results.add(new ResultRow(s.command().key(), s.result()));
                case BatchResolver.ExpireEffect ignored -> {
                }
            }
        }
        try (PreparedStatement write = connection.prepareStatement(LOCK + ";\n" + WRITE + ";\nCOMMIT")) {
            Params p = new Params(write, connection);
            Collection<BatchResolver.Delta> deltas = plan.deltas();
            p.array("uuid", deltas.stream().map(BatchResolver.Delta::preferenceId).toArray(UUID[]::new));
            p.timestamp(now);
            p.array("uuid", deltas.stream().map(BatchResolver.Delta::preferenceId).toArray(UUID[]::new));
            p.array("numeric", deltas.stream().map(BatchResolver.Delta::spent).toArray(BigDecimal[]::new));
            p.array("numeric", deltas.stream().map(BatchResolver.Delta::reserved).toArray(BigDecimal[]::new));
            p.array("int4", deltas.stream().map(BatchResolver.Delta::changes).toArray(Integer[]::new));
            p.array("int8", deltas.stream().map(d -> d.read().version()).toArray(Long[]::new));
            p.array("numeric", deltas.stream().map(d -> d.read().spent()).toArray(BigDecimal[]::new));
            p.array("numeric", deltas.stream().map(d -> d.read().reserved()).toArray(BigDecimal[]::new));

            p.array("varchar", rounds.stream().map(r -> r.key().exchange()).toArray(String[]::new));
            p.array("varchar", rounds.stream().map(r -> r.key().auctionId()).toArray(String[]::new));
            p.array("int4", rounds.stream().map(r -> r.round().round()).toArray(Integer[]::new));
            p.array("uuid", rounds.stream().map(r -> r.round().decisionId()).toArray(UUID[]::new));
            p.array("varchar", rounds.stream().map(r -> r.round().terms().item().category()).toArray(String[]::new));
            p.array("varchar", rounds.stream().map(r -> r.round().terms().item().brand()).toArray(String[]::new));
            p.array("varchar", rounds.stream().map(r -> r.round().terms().item().title()).toArray(String[]::new));
            p.array("numeric", rounds.stream().map(r -> r.round().terms().floorPrice()).toArray(BigDecimal[]::new));
            p.array("varchar", rounds.stream().map(r -> r.round().terms().currency()).toArray(String[]::new));
            p.array("varchar", rounds.stream().map(r -> r.round().terms().auctionType().name()).toArray(String[]::new));
            p.array("numeric", rounds.stream().map(r -> r.round().terms().minIncrement()).toArray(BigDecimal[]::new));
            p.array("varchar", rounds.stream().map(r -> iso(r.round().terms().closesAt())).toArray(String[]::new));
            p.array("int4", rounds.stream().map(r -> r.round().terms().tmaxMs()).toArray(Integer[]::new));
            p.array("varchar", rounds.stream().map(r -> r.round().decision().name()).toArray(String[]::new));
            p.array("varchar", rounds.stream().map(r -> NoBidReason.nameOf(r.round().reason())).toArray(String[]::new));
            p.array("numeric", rounds.stream().map(r -> r.round().bid() == null ? null : r.round().bid().amount()).toArray(BigDecimal[]::new));
            p.array("varchar", rounds.stream().map(r -> r.round().bid() == null ? null : r.round().bid().userId()).toArray(String[]::new));
            p.array("uuid", rounds.stream().map(r -> r.round().bid() == null ? null : r.round().bid().preferenceId()).toArray(UUID[]::new));
            p.array("int4", rounds.stream().map(r -> r.round().candidates()).toArray(Integer[]::new));
            p.array("float8", rounds.stream().map(r -> r.round().engineLatencyMs()).toArray(Double[]::new));
            p.array("float8", rounds.stream().map(r -> latencies.get(r.round().decisionId())).toArray(Double[]::new));
            p.array("varchar", rounds.stream().map(r -> iso(r.round().evaluatedAt())).toArray(String[]::new));
            p.array("varchar", rounds.stream().map(r -> r.round().reservation().name()).toArray(String[]::new));
            p.array("varchar", rounds.stream().map(r -> iso(r.round().expiresAt())).toArray(String[]::new));

            List<BatchResolver.ReservationChange> changes = plan.reservationChanges();
            p.array("varchar", changes.stream().map(c -> c.key().exchange()).toArray(String[]::new));
            p.array("varchar", changes.stream().map(c -> c.key().auctionId()).toArray(String[]::new));
            p.array("int4", changes.stream().map(BatchResolver.ReservationChange::round).toArray(Integer[]::new));
            p.array("varchar", changes.stream().map(c -> c.state().name()).toArray(String[]::new));

            p.array("varchar", results.stream().map(r -> r.key().exchange()).toArray(String[]::new));
            p.array("varchar", results.stream().map(r -> r.key().auctionId()).toArray(String[]::new));
            p.array("int4", results.stream().map(r -> r.result().round()).toArray(Integer[]::new));
            p.array("uuid", results.stream().map(r -> r.result().decisionId()).toArray(UUID[]::new));
            p.array("varchar", results.stream().map(r -> r.result().outcome().name()).toArray(String[]::new));
            p.array("numeric", results.stream().map(r -> r.result().clearingPrice()).toArray(BigDecimal[]::new));
            p.array("varchar", results.stream().map(r -> r.result().currency()).toArray(String[]::new));
            p.array("varchar", results.stream().map(r -> iso(r.result().recordedAt())).toArray(String[]::new));

            p.timestamp(now);
            p.array("uuid", events.stream().map(LedgerStore.OutboxRow::eventId).toArray(UUID[]::new));
            p.array("varchar", events.stream().map(LedgerStore.OutboxRow::type).toArray(String[]::new));
            p.array("varchar", events.stream().map(LedgerStore.OutboxRow::messageKey).toArray(String[]::new));
            p.array("text", events.stream().map(LedgerStore.OutboxRow::payload).toArray(String[]::new));
            p.array("varchar", events.stream().map(LedgerStore.OutboxRow::traceparent).toArray(String[]::new));

            p.integer(deltas.size());
            p.integer(rounds.size());
            p.integer(changes.size());
            p.integer(results.size());
            p.integer(events.size());
            Map<UUID, Long> ids = new HashMap<>(events.size() * 2);
            Map<UUID, String> rebased = null;
            write.execute(); // the locked rows
            if (write.getMoreResults()) {
                try (ResultSet rs = write.getResultSet()) {
                    if (rs.next()) {
                        Long[] rowIds = (Long[]) rs.getArray(2).getArray();
                        UUID[] eventIds = (UUID[]) rs.getArray(3).getArray();
                        for (int i = 0; i < rowIds.length; i++) {
                            ids.put(eventIds[i], rowIds[i]);
                        }
                        Array payloads = rs.getArray(4);
                        if (payloads != null) {
                            String[] stored = (String[]) payloads.getArray();
                            rebased = new HashMap<>(stored.length * 2);
                            for (int i = 0; i < stored.length; i++) {
                                rebased.put(eventIds[i], stored[i]);
                            }
                        }
                    }
                }
            }
            while (write.getMoreResults() || write.getUpdateCount() != -1) {
                // the COMMIT's answer
            }
            return new Written(ids, rebased);
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private record StoredRoundRow(AuctionKey key, StoredRound round) {
    }

    private record ResultRow(AuctionKey key, StoredResult result) {
    }

    /** Sequential parameter binding. */
    private static final class Params {
        private final PreparedStatement statement;
        private final Connection connection;
        private int index = 1;

        Params(PreparedStatement statement, Connection connection) {
            this.statement = statement;
            this.connection = connection;
        }

        void array(String type, Object[] values) throws SQLException {
            statement.setArray(index++, connection.createArrayOf(type, values));
        }

        void timestamp(Instant instant) throws SQLException {
            statement.setTimestamp(index++, Timestamp.from(instant));
        }

        void integer(int value) throws SQLException {
            statement.setInt(index++, value);
        }
    }
}
