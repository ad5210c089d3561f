package io.oktioneer.auction.ledger;

import io.oktioneer.auction.auction.AuctionKey;
import io.oktioneer.auction.auction.AuctionStatus;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
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
 *   <li>bound the transaction by the batch's deadline ({@code statement_timeout}, transaction-local), claim every
 *   command's auction (conditional on the state it was decided against), create the missing budget rows the batch
 *   may touch from the engine's candidates, and read them all. The budget rows are read, not locked: locked here,
 *   they would stay locked while the batch is resolved in the JVM, and another instance's writer touching the same
 *   hot preference would wait for this one's whole transaction, client time included (measured with two
 *   auction-services: statement time-outs "while locking tuple"). The write checks instead that each change
 *   still fits the row as it then is ({@link BatchWrite}). Claims and locks go in a fixed order (auctions by key
 *   here, budgets by id in the write) so concurrent batches of several instances cannot deadlock;</li>
 *   <li>the rows the batch changes locked in id order, then one statement writing everything ({@link BatchWrite}):
 *   an aggregated conditional UPDATE per preference, multi-row inserts of rounds, results and outbox events, and
 *   the reservation state of previous rounds; sent with the COMMIT
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

    /** Creates the missing budget rows; existing ones are neither locked nor waited for. */
    private static final String CREATE_BUDGETS = """
            INSERT INTO preference_budget AS p (preference_id, user_id, currency, total_budget, updated_at)
            SELECT v.id, v.user_id, v.currency, v.total_budget, ?
              FROM unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::numeric[]) AS v(id, user_id, currency, total_budget)
             WHERE NOT EXISTS (SELECT 1 FROM preference_budget b WHERE b.preference_id = v.id)
             ORDER BY v.id
            ON CONFLICT (preference_id) DO NOTHING""";

    private static final String READ_BUDGETS = """
            SELECT preference_id, user_id, currency, total_budget, spent, reserved, ledger_version, deleted
              FROM preference_budget WHERE preference_id = ANY(?::uuid[])""";

    /** A budget row the batch may touch, with what to create it from if it does not exist yet. */
    record BudgetSeed(UUID preferenceId, String userId, String currency, BigDecimal totalBudget) {
    }

    /** A claim on an auction: the round the command creates or acts on, and the status it leaves. */
    record Claim(AuctionKey key, int round, AuctionStatus status) {
    }

    /** An outbox row. */
    record OutboxRow(UUID eventId, String type, String messageKey, String payload, String traceparent) {
    }

    record Claimed(Set<AuctionKey> claimed, Map<UUID, LedgerRow> budgets) {
    }

    /**
     * Sets the time-out, claims, creates the missing budget rows and reads the budgets in one round trip (four
     * statements sent together).
     */
    Claimed claimAndRead(Connection connection, List<Claim> claims, Collection<BudgetSeed> seeds, Instant now,
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
                STATEMENT_TIMEOUT + ";\n" + CLAIM + ";\n" + CREATE_BUDGETS + ";\n" + READ_BUDGETS)) {
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
        return new Claimed(claimed, budgets);
    }

    /** Writes the batch and sends the COMMIT ({@link BatchWrite}). */
    BatchWrite.Written write(Connection connection, BatchResolver.Plan plan, List<OutboxRow> events,
                          Map<UUID, Double> latencies, Instant now) throws SQLException {
        return BatchWrite.write(connection, plan, events, latencies, now);
    }
}
