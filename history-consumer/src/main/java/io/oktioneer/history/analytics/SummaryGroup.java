package io.oktioneer.history.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** One group of the summary answer (SPEC §3). */
public record SummaryGroup(@Schema(nullable = true, description = "The group; null for NO_BID rounds grouped by"
                                   + " user") String key,
                           long evaluations, long bids, long wins, long losses,
                           @Schema(nullable = true, description = "wins / bids; null without bids") BigDecimal winRate,
                           BigDecimal spend,
                           @Schema(nullable = true, description = "spend / wins; null without wins")
                           BigDecimal avgClearingPrice,
                           @Schema(nullable = true) BigDecimal latencyP50Ms,
                           @Schema(nullable = true) BigDecimal latencyP99Ms) {

    /**
     * winRate = wins / bids to 4 decimals (null without bids); spend to 2 decimals; avgClearingPrice =
     * spend / wins to 2 decimals, half up (null without wins); latencies in ms to 3 decimals (µs).
     */
    static SummaryGroup of(SummaryRow row) {
        BigDecimal spend = row.spend().setScale(2, RoundingMode.HALF_UP);
        return new SummaryGroup(row.key(), row.evaluations(), row.bids(), row.wins(), row.losses(),
                row.bids() == 0 ? null
                        : BigDecimal.valueOf(row.wins()).divide(BigDecimal.valueOf(row.bids()), 4, RoundingMode.HALF_UP),
                spend,
                row.wins() == 0 ? null : spend.divide(BigDecimal.valueOf(row.wins()), 2, RoundingMode.HALF_UP),
                millis(row.latencyP50Ms()), millis(row.latencyP99Ms()));
    }

    private static BigDecimal millis(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }
}
