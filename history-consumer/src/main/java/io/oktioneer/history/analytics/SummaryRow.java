package io.oktioneer.history.analytics;

import java.math.BigDecimal;

/**
 * One group's figures as ClickHouse computed them: counts, the exact WON spend, and the latency quantiles
 * (null when the group has no evaluation).
 */
public record SummaryRow(String key, long evaluations, long bids, long wins, long losses, BigDecimal spend,
                         Double latencyP50Ms, Double latencyP99Ms) {
}
