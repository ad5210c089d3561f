package io.oktioneer.history.analytics;

import java.time.Instant;

/** A validated summary request: the window {@code [from, to)}, the grouping, an optional currency filter. */
public record SummaryQuery(Instant from, Instant to, SummaryGrouping groupBy, String currency) {
}
