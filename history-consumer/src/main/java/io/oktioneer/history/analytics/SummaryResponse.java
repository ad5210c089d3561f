package io.oktioneer.history.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** {@code {"from", "to", "groupBy", "groups": [...]}}; from and to as ISO-8601 UTC with milliseconds. */
public record SummaryResponse(@Schema(format = "date-time") String from, @Schema(format = "date-time") String to,
                              @Schema(allowableValues = {"category", "brand", "exchange", "user", "hour"})
                              String groupBy,
                              List<SummaryGroup> groups) {

    static final String EXAMPLE = """
            {"from": "2026-11-24T00:00:00.000Z", "to": "2026-11-25T00:00:00.000Z", "groupBy": "category",
             "groups": [{"key": "watches", "evaluations": 1200, "bids": 800, "wins": 300, "losses": 480,
               "winRate": 0.375, "spend": 52500.00, "avgClearingPrice": 175.00, "latencyP50Ms": 3.214,
               "latencyP99Ms": 18.702}]}""";
}
