package io.oktioneer.history.analytics;

import java.util.List;

/** {@code {"from", "to", "groupBy", "groups": [...]}}; from and to as ISO-8601 UTC with milliseconds. */
public record SummaryResponse(String from, String to, String groupBy, List<SummaryGroup> groups) {
}
