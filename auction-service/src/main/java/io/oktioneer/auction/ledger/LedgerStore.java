package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionStatus;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of one ledger group commit, in two round trips:
 * <ol>
 *   <li>bound the transaction by the batch's deadline ({@code statement_timeout}, transaction-local), claim every command's auction (conditional on the state it was decided against) and lock every budget
 *   row the batch may touch, creating the missing ones from the engine's candidates; both in a fixed order
 *   (auctions by key, then budgets by id) so concurrent batches of several instances cannot deadlock;</li>
 *   <li>one statement writing everything: an aggregated conditional UPDATE per preference, multi-row inserts of
 *   rounds, results and outbox events, and the reservation state of previous rounds; sent with the COMMIT
 *   (an error in the statement makes the server skip the COMMIT, and the caller rolls back). It answers the
 *   outbox rows' ids, so the relay can publish them without reading them back.</li>
 * </ol>
 * Arrays ({@code unnest}) keep each statement's text fixed whatever the batch size, so it stays prepared.
 */
final class LedgerStore {

    /** The transaction's statement time-out in milliseconds (reset by its end). */
    private static final String STATEMENT_TIMEOUT = "SELECT set_config('statement_timeout', ?, true)";

    /** Claims auctions; an existing auction is claimed only from the state the command expects. */
    private static final String CLAIM = """
            INSERT INTO auction AS a (exchange, auction_id, latest_round, status, created_at, updated_at)
            SELECT v.exchange, v.auction_id, v.round, v.status, ?, ?
              FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::varchar[]) AS v(exchange, auction_id, round, status)
             ORDER BY v.exchange, v.auction_id
            ON CONFLICT (exchange, auction_id) DO UPDATE
               SET latest_round = EXCLUDED.latest_round, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at
             WHERE a.status = 'OPEN'
               AND ((EXCLUDED.status = 'OPEN' AND a.latest_round = EXCLUDED.latest_round - 1)
                 OR (EXCLUDED.status <> 'OPEN' AND a.latest_round = EXCLUDED.latest_round))
            RETURNING a.exchange, a.auction_id""";

    /** Locks budget rows in id order (DO UPDATE ... WHERE false locks without writing) and creates missing ones. */
    private static final String LOCK_BUDGETS = """
            INSERT INTO preference_budget AS p (preference_id, user_id, currency, total_budget, updated_at)
            SELECT v.id, v.user_id, v.currency, v.total_budget, ?
              FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::numeric[]) AS v(id, user_id, currency, total_budget)
             ORDER BY v.id
            ON CONFLICT (preference_id) DO UPDATE SET updated_at = p.updated_at WHERE false""";

    private static final String READ_BUDGETS = """
            SELECT preference_id, user_id, currency, total_budget, spent, reserved, ledger_version, deleted
              FROM preference_budget WHERE preference_id = ANY(?::uuid[])""";

    private static final String WRITE = """
            WITH budgets AS (
                UPDATE preference_budget p
                   SET spent = p.spent + v.d_spent, reserved = p.reserved + v.d_reserved,
                       ledger_version = p.ledger_version + v.changes, updated_at = ?
                  FROM unnest(?::uuid[], ?::numeric[], ?::numeric[], ?::int[]) AS v(id, d_spent, d_reserved, changes)
                 WHERE p.preference_id = v.id
                   AND (p.total_budget IS NULL OR v.d_spent + v.d_reserved <= 0
                        OR p.spent + p.reserved + v.d_spent + v.d_reserved <= p.total_budget)
                RETURNING 1
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
                SELECT v.event_id, v.event_type, v.message_key, v.payload, v.traceparent, ?
                  FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[])
                       WITH ORDINALITY AS v(event_id, event_type, message_key, payload, traceparent, n)
                 ORDER BY v.n
                RETURNING id, event_id
            )
            SELECT ledger_assert((SELECT count(*) FROM budgets) = ?, 'budgets')
               AND ledger_assert((SELECT count(*) FROM rounds) = ?, 'rounds')
               AND ledger_assert((SELECT count(*) FROM reservations) = ?, 'reservations')
               AND ledger_assert((SELECT count(*) FROM results) = ?, 'results')
               AND ledger_assert((SELECT count(*) FROM events) = ?, 'events'),
                   e.ids, e.event_ids
              FROM (SELECT array_agg(id) AS ids, array_agg(event_id) AS event_ids FROM events) e""";

    /** A budget row the batch may touch, with what to create it from if it does not exist yet. */
    record BudgetSeed(UUID preferenceId, String userId, String currency, BigDecimal totalBudget) {
    }

    /** A claim on an auction: the round the command creates or acts on, and the status it leaves. */
    record Claim(AuctionKey key, int round, AuctionStatus status) {
    }

    /** An outbox row. */
    record OutboxRow(UUID eventId, String type, String messageKey, String payload, String traceparent) {
    }

    record Locked(Set<AuctionKey> claimed, Map<UUID, LedgerRow> budgets) {
    }

    /** Sets the time-out, claims, locks and reads in one round trip (four statements sent together). */
    Locked claimAndLock(Connection connection, List<Claim> claims, Collection<BudgetSeed> seeds, Instant now,
                        long timeoutMillis) throws SQLException {
        Timestamp at = Timestamp.from(now);
        int n = claims.size();
        String[] exchanges = new String[n];
        String[] auctionIds = new String[n];
        Integer[] rounds = new Integer[n];
        String[] statuses = new String[n];
        for (int i = 0; i < n; i++) {
            Claim c = claims.get(i);
            exchanges[i] = c.key().exchange();
            auctionIds[i] = c.key().auctionId();
            rounds[i] = c.round();
            statuses[i] = c.status().name();
        }
        int m = seeds.size();
        UUID[] ids = new UUID[m];
        String[] users = new String[m];
        String[] currencies = new String[m];
        BigDecimal[] totals = new BigDecimal[m];
        int i = 0;
        for (BudgetSeed seed : seeds) {
            ids[i] = seed.preferenceId();
            users[i] = seed.userId();
            currencies[i] = seed.currency();
            totals[i] = seed.totalBudget();
            i++;
        }
        Set<AuctionKey> claimed = new HashSet<>();
        Map<UUID, LedgerRow> budgets = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                STATEMENT_TIMEOUT + ";\n" + CLAIM + ";\n" + LOCK_BUDGETS + ";\n" + READ_BUDGETS)) {
            Array idArray = connection.createArrayOf("uuid", ids);
            statement.setString(1, Long.toString(timeoutMillis));
            statement.setTimestamp(2, at);
            statement.setTimestamp(3, at);
            statement.setArray(4, connection.createArrayOf("varchar", exchanges));
            statement.setArray(5, connection.createArrayOf("varchar", auctionIds));
            statement.setArray(6, connection.createArrayOf("int4", rounds));
            statement.setArray(7, connection.createArrayOf("varchar", statuses));
            statement.setTimestamp(8, at);
            statement.setArray(9, idArray);
            statement.setArray(10, connection.createArrayOf("varchar", users));
            statement.setArray(11, connection.createArrayOf("varchar", currencies));
            statement.setArray(12, connection.createArrayOf("numeric", totals));
            statement.setArray(13, idArray);
            boolean isResult = statement.execute();
            int resultSets = 0;
            while (true) {
                if (isResult) {
                    try (ResultSet rs = statement.getResultSet()) {
                        resultSets++; // 1: set_config's answer, 2: the claimed auctions, 3: the budgets
                        if (resultSets == 2) {
                            while (rs.next()) {
                                claimed.add(new AuctionKey(rs.getString(1), rs.getString(2)));
                            }
                        } else if (resultSets == 3) {
                            while (rs.next()) {
                                UUID id = rs.getObject(1, UUID.class);
                                budgets.put(id, new LedgerRow(id, rs.getString(2), rs.getString(3),
                                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7),
                                        rs.getBoolean(8)));
                            }
                        }
                    }
                } else if (statement.getUpdateCount() == -1) {
                    break;
                }
                isResult = statement.getMoreResults();
            }
        }
        return new Locked(claimed, budgets);
    }

    /** Writes the batch and sends the COMMIT; returns the outbox row id of each event id. */
    Map<UUID, Long> write(Connection connection, BatchResolver.Plan plan, List<OutboxRow> events,
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
        try (PreparedStatement write = connection.prepareStatement(WRITE + ";\nCOMMIT")) {
            Params p = new Params(write, connection);
            p.timestamp(now);
            Collection<BatchResolver.Delta> deltas = plan.deltas();
            p.array("uuid", deltas.stream().map(BatchResolver.Delta::preferenceId).toArray(UUID[]::new));
            p.array("numeric", deltas.stream().map(BatchResolver.Delta::spent).toArray(BigDecimal[]::new));
            p.array("numeric", deltas.stream().map(BatchResolver.Delta::reserved).toArray(BigDecimal[]::new));
            p.array("int4", deltas.stream().map(BatchResolver.Delta::changes).toArray(Integer[]::new));

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
            p.array("uuid", events.stream().map(OutboxRow::eventId).toArray(UUID[]::new));
            p.array("varchar", events.stream().map(OutboxRow::type).toArray(String[]::new));
            p.array("varchar", events.stream().map(OutboxRow::messageKey).toArray(String[]::new));
            p.array("text", events.stream().map(OutboxRow::payload).toArray(String[]::new));
            p.array("varchar", events.stream().map(OutboxRow::traceparent).toArray(String[]::new));

            p.integer(deltas.size());
            p.integer(rounds.size());
            p.integer(changes.size());
            p.integer(results.size());
            p.integer(events.size());
            Map<UUID, Long> ids = new HashMap<>(events.size() * 2);
            if (write.execute()) {
                try (ResultSet rs = write.getResultSet()) {
                    if (rs.next()) {
                        Long[] rowIds = (Long[]) rs.getArray(2).getArray();
                        UUID[] eventIds = (UUID[]) rs.getArray(3).getArray();
                        for (int i = 0; i < rowIds.length; i++) {
                            ids.put(eventIds[i], rowIds[i]);
                        }
                    }
                }
            }
            while (write.getMoreResults() || write.getUpdateCount() != -1) {
                // the COMMIT's answer
            }
            return ids;
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
