package io.oktioneer.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * After a benchmark run: a fast run that loses data is a failed run. Checks, once the outbox has drained and the
 * history-consumer has caught up, that the ledger is exact (no preference over its budget; every preference's
 * {@code reserved} equals its open reservations and {@code spent} its WON clearing prices) and that every
 * decision and result of the run (evaluated or recorded since it started) reached ClickHouse exactly once. Prints
 * one line per check; exits 1 when one fails.
 *
 * <p>Usage: {@code BenchChecks <postgresHost:port> <clickhouseUrl> <runStartedAt, ISO-8601>}
 */
public final class BenchChecks {

    private static final String OVER_BUDGET = """
            SELECT count(*) FROM preference_budget
            WHERE total_budget IS NOT NULL AND spent + reserved > total_budget""";
    private static final String RESERVED_MISMATCH = """
            SELECT count(*) FROM preference_budget b
            LEFT JOIN (SELECT preference_id, sum(bid_amount) AS open FROM auction_round
                       WHERE reservation = 'OPEN' GROUP BY preference_id) r ON r.preference_id = b.preference_id
            WHERE b.reserved <> coalesce(r.open, 0)""";
    private static final String SPENT_MISMATCH = """
            SELECT count(*) FROM preference_budget b
            LEFT JOIN (SELECT rd.preference_id, sum(res.clearing_price) AS won FROM auction_result res
                       JOIN auction_round rd ON rd.exchange = res.exchange AND rd.auction_id = res.auction_id
                                            AND rd.round = res.round
                       WHERE res.outcome = 'WON' GROUP BY rd.preference_id) w ON w.preference_id = b.preference_id
            WHERE b.spent <> coalesce(w.won, 0)""";

    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://" + args[0] + "/oktioneer_auction";
        boolean ok;
        try (Connection db = DriverManager.getConnection(url, "oktioneer", "oktioneer")) {
            ok = awaitZero(db, "SELECT count(*) FROM outbox", "outbox drained", 120);
            ok &= check("no preference over its total budget", count(db, OVER_BUDGET) == 0, count(db, OVER_BUDGET) + " over");
            ok &= check("reserved = open reservations, every preference", count(db, RESERVED_MISMATCH) == 0,
                    count(db, RESERVED_MISMATCH) + " mismatches");
            ok &= check("spent = WON clearing prices, every preference", count(db, SPENT_MISMATCH) == 0,
                    count(db, SPENT_MISMATCH) + " mismatches");
            Instant started = Instant.parse(args[2]);
            ok &= reachedClickHouse(args[1], "AuctionEvaluated", started,
                    count(db, "SELECT count(*) FROM auction_round WHERE evaluated_at >= '" + started + "'"));
            ok &= reachedClickHouse(args[1], "AuctionResultRecorded", started,
                    count(db, "SELECT count(*) FROM auction_result WHERE recorded_at >= '" + started + "'"));
        }
        System.exit(ok ? 0 : 1);
    }

    private static boolean reachedClickHouse(String clickhouse, String type, Instant started, long expected)
            throws Exception {
        String sql = "SELECT count(), uniqExact(event_id) FROM oktioneer.auction_events FINAL WHERE event_type = '"
                + type + "' AND occurred_at_ms >= " + started.toEpochMilli() + " FORMAT TabSeparated";
        String last = "";
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            last = clickhouse(clickhouse, sql).strip();
            String[] parts = last.split("\t");
            if (parts.length == 2 && Long.parseLong(parts[0]) == expected && Long.parseLong(parts[1]) == expected) {
                return check("every " + type + " of the run in ClickHouse exactly once", true, expected + " rows");
            }
            Thread.sleep(1000);
        }
        return check("every " + type + " of the run in ClickHouse exactly once", false,
                "PostgreSQL " + expected + ", ClickHouse rows/unique " + last.replace('\t', '/'));
    }

    private static boolean awaitZero(Connection db, String sql, String what, int seconds) throws Exception {
        long left = -1;
        for (int i = 0; i < seconds; i++) {
            left = count(db, sql);
            if (left == 0) {
                return check(what, true, "0 rows left");
            }
            Thread.sleep(1000);
        }
        return check(what, false, left + " rows left");
    }

    private static boolean check(String what, boolean passed, String detail) {
        System.out.println((passed ? "PASS " : "FAIL ") + what + " (" + detail + ")");
        return passed;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String clickhouse(String base, String sql) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("ClickHouse " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
