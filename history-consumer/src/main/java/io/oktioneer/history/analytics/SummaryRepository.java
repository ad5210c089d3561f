package io.oktioneer.history.analytics;

import io.oktioneer.history.clickhouse.ClickHouseClient;
import io.oktioneer.history.clickhouse.ClickHouseException;
import io.oktioneer.history.clickhouse.SchemaManager;
import io.oktioneer.history.events.AuctionEventsTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Repository;

/**
 * The summary computed in ClickHouse, in SQL that 18.16 and current releases both run: {@code FINAL} collapses
 * redelivered copies of an event (same event id) not merged yet, {@code -If} aggregates count each event at its
 * own {@code occurred_at} (evaluations and bids at evaluation, wins, losses and spend at result; conditions on
 * Nullable columns go through {@code ifNull} or an aggregate over only-NULL conditions answers NULL), and the window
 * is filtered on the millisecond column with a coarse second-level bound first so the sorting key prunes.
 */
@Repository
public class SummaryRepository {

    private final ClickHouseClient clickHouse;
    private final SchemaManager schema;

    public SummaryRepository(ClickHouseClient clickHouse, SchemaManager schema) {
        this.clickHouse = clickHouse;
        this.schema = schema;
    }

    public List<SummaryRow> summarize(SummaryQuery query) {
        String text;
        try {
            schema.ensureReady();
            text = clickHouse.query(sql(query));
        } catch (ClickHouseException e) {
            throw new AnalyticsUnavailableException(e);
        }
        return parse(text, query.groupBy());
    }

    String sql(SummaryQuery query) {
        long fromMs = query.from().toEpochMilli();
        long toMs = query.to().toEpochMilli();
        String evaluated = "event_type = 'AuctionEvaluated'";
        String result = "event_type = 'AuctionResultRecorded'";
        return "SELECT " + query.groupBy().expression() + " AS group_key,"
                + " countIf(" + evaluated + ") AS evaluations,"
                + " countIf(" + evaluated + " AND ifNull(decision, '') = 'BID') AS bids,"
                + " countIf(" + result + " AND ifNull(outcome, '') = 'WON') AS wins,"
                + " countIf(" + result + " AND ifNull(outcome, '') = 'LOST') AS losses,"
                + " sumIf(clearing_price, " + result + " AND ifNull(outcome, '') = 'WON') AS spend,"
                + " quantileIf(0.5)(latency_ms, " + evaluated + ") AS latency_p50,"
                + " quantileIf(0.99)(latency_ms, " + evaluated + ") AS latency_p99"
                + " FROM " + clickHouse.qualified(AuctionEventsTable.NAME) + " FINAL"
                + " WHERE occurred_at >= toDateTime(" + Math.floorDiv(fromMs, 1000) + ")"
                + " AND occurred_at <= toDateTime(" + Math.floorDiv(toMs, 1000) + ")"
                + " AND occurred_at_ms >= " + fromMs + " AND occurred_at_ms < " + toMs
                + " AND event_type IN ('AuctionEvaluated', 'AuctionResultRecorded')"
                + (query.currency() == null ? "" : " AND currency = '" + query.currency() + "'")
                + " GROUP BY group_key ORDER BY group_key FORMAT TabSeparated";
    }

    static List<SummaryRow> parse(String text, SummaryGrouping grouping) {
        List<SummaryRow> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] c = line.split("\t", -1);
            String key = unescape(c[0]);
            if (key != null && grouping == SummaryGrouping.HOUR) {
                key = IsoInstants.format(Instant.ofEpochSecond(Long.parseLong(key)));
            }
            rows.add(new SummaryRow(key, Long.parseLong(c[1]), Long.parseLong(c[2]), Long.parseLong(c[3]),
                    Long.parseLong(c[4]), c[5].equals("\\N") ? BigDecimal.ZERO : new BigDecimal(c[5]),
                    real(c[6]), real(c[7])));
        }
        return rows;
    }

    private static Double real(String value) {
        if (value.equals("\\N") || value.contains("nan") || value.contains("inf")) {
            return null;
        }
        return Double.parseDouble(value);
    }

    /** A TabSeparated string value: {@code \N} is NULL, backslash escapes undone. */
    static String unescape(String value) {
        if (value.equals("\\N")) {
            return null;
        }
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                out.append(c);
                continue;
            }
            char next = value.charAt(++i);
            out.append(switch (next) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case '0' -> '\0';
                case 'b' -> '\b';
                case 'f' -> '\f';
                default -> next;
            });
        }
        return out.toString();
    }
}
