package io.oktioneer.auction.auction;

import io.oktioneer.contracts.auction.Bid;
import io.oktioneer.contracts.auction.Item;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads of auctions, their rounds and results (writes go through the ledger writer). */
@Repository
public class AuctionStore {

    private static final String ROUND_COLUMNS = """
            r.round, r.decision_id, r.category, r.brand, r.title, r.floor_price, r.currency, r.auction_type,
            r.min_increment, r.closes_at, r.tmax_ms, r.decision, r.reason, r.bid_amount, r.user_id, r.preference_id,
            r.candidates, r.engine_latency_ms, r.evaluated_at, r.reservation, r.expires_at""";

    private final JdbcTemplate jdbc;

    public AuctionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The auction with its latest round and result, or null when unknown. */
    public AuctionSnapshot find(AuctionKey key) {
        List<AuctionSnapshot> found = jdbc.query("""
                SELECT a.status, %s,
                       res.round AS res_round, res.decision_id AS res_decision_id, res.outcome, res.clearing_price,
                       res.currency AS res_currency, res.recorded_at
                  FROM auction a
                  JOIN auction_round r ON r.exchange = a.exchange AND r.auction_id = a.auction_id
                                      AND r.round = a.latest_round
                  LEFT JOIN auction_result res ON res.exchange = a.exchange AND res.auction_id = a.auction_id
                 WHERE a.exchange = ? AND a.auction_id = ?""".formatted(ROUND_COLUMNS),
                (rs, n) -> new AuctionSnapshot(key, AuctionStatus.valueOf(rs.getString("status")), round(rs, key),
                        result(rs)), key.exchange(), key.auctionId());
        return found.isEmpty() ? null : found.getFirst();
    }

    public AuctionDetails details(AuctionKey key) {
        List<AuctionDetails.Header> headers = jdbc.query(
                "SELECT status, created_at, updated_at FROM auction WHERE exchange = ? AND auction_id = ?",
                (rs, n) -> new AuctionDetails.Header(AuctionStatus.valueOf(rs.getString(1)), instant(rs, 2),
                        instant(rs, 3)), key.exchange(), key.auctionId());
        if (headers.isEmpty()) {
            return null;
        }
        List<StoredRound> rounds = jdbc.query("SELECT " + ROUND_COLUMNS
                        + " FROM auction_round r WHERE r.exchange = ? AND r.auction_id = ? ORDER BY r.round",
                (rs, n) -> round(rs, key), key.exchange(), key.auctionId());
        List<StoredResult> results = jdbc.query("""
                SELECT round AS res_round, decision_id AS res_decision_id, outcome, clearing_price,
                       currency AS res_currency, recorded_at
                  FROM auction_result WHERE exchange = ? AND auction_id = ?""",
                (rs, n) -> result(rs), key.exchange(), key.auctionId());
        return new AuctionDetails(key, headers.getFirst(), rounds, results.isEmpty() ? null : results.getFirst());
    }

    /** Open reservations due for release, oldest first, with their auction's latest round. */
    public List<DueReservation> dueReservations(Instant now, int limit) {
        return jdbc.query("""
                SELECT r.exchange, r.auction_id, %s
                  FROM auction_round r
                 WHERE r.reservation = 'OPEN' AND r.expires_at <= ?
                 ORDER BY r.expires_at LIMIT ?""".formatted(ROUND_COLUMNS),
                (rs, n) -> {
                    AuctionKey key = new AuctionKey(rs.getString("exchange"), rs.getString("auction_id"));
                    return new DueReservation(key, round(rs, key));
                }, Timestamp.from(now), limit);
    }

    public long openReservations() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM auction_round WHERE reservation = 'OPEN'", Long.class);
        return count == null ? 0 : count;
    }

    public record DueReservation(AuctionKey key, StoredRound round) {
    }

    static StoredRound round(ResultSet rs, AuctionKey key) throws SQLException {
        String currency = rs.getString("currency");
        UUID preferenceId = rs.getObject("preference_id", UUID.class);
        Bid bid = preferenceId == null ? null : new Bid(rs.getBigDecimal("bid_amount"), currency,
                rs.getString("user_id"), preferenceId);
        AuctionTerms terms = new AuctionTerms(key,
                new Item(rs.getString("category"), rs.getString("brand"), rs.getString("title")),
                rs.getBigDecimal("floor_price"), currency, AuctionType.valueOf(rs.getString("auction_type")),
                rs.getBigDecimal("min_increment"), instant(rs, "closes_at"), rs.getInt("tmax_ms"));
        double engineLatency = rs.getDouble("engine_latency_ms");
        Double engineLatencyMs = rs.wasNull() ? null : engineLatency;
        return new StoredRound(rs.getInt("round"), rs.getObject("decision_id", UUID.class), terms,
                Decision.valueOf(rs.getString("decision")), NoBidReason.of(rs.getString("reason")), bid,
                rs.getInt("candidates"), engineLatencyMs, instant(rs, "evaluated_at"),
                ReservationState.valueOf(rs.getString("reservation")), instant(rs, "expires_at"));
    }

    private static StoredResult result(ResultSet rs) throws SQLException {
        String outcome = rs.getString("outcome");
        if (outcome == null) {
            return null;
        }
        return new StoredResult(rs.getInt("res_round"), rs.getObject("res_decision_id", UUID.class),
                ResultOutcome.valueOf(outcome), rs.getBigDecimal("clearing_price"), rs.getString("res_currency"),
                instant(rs, "recorded_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
