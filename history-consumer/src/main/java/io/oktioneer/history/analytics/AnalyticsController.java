package io.oktioneer.history.analytics;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Role;
import io.oktioneer.contracts.openapi.ApiDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/analytics/summary} (SPEC §3), ADMIN only: the gateway enforces it, and so do we. */
@RestController
@Tag(name = "Analytics")
class AnalyticsController {

    private final SummaryRepository repository;
    private final Clock clock;

    AnalyticsController(SummaryRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/analytics/summary", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getAnalyticsSummary", summary = "Summarize evaluations, bids, wins and spend",
            description = "ADMIN keys only. Over the window `[from, to)`, per group: evaluations (evaluate rounds)"
                    + " and bids counted at evaluation; wins, losses and spend (WON clearing prices) at result;"
                    + " `winRate` = wins / bids (null without bids), `avgClearingPrice` = spend / wins (null"
                    + " without wins); latency percentiles may be approximate.")
    @ApiResponse(responseCode = "200", description = "The groups, in key order", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = SummaryResponse.class),
            examples = @ExampleObject(name = "byCategory", summary = "Grouped by category",
                    value = SummaryResponse.EXAMPLE)))
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    SummaryResponse summary(@RequestHeader(name = InternalHeaders.ROLE, required = false) String role,
                            SummaryRequest request) {
        if (!Role.ADMIN.name().equals(role)) {
            throw new ForbiddenException("Analytics is for ADMIN keys only.");
        }
        SummaryQuery query = request.toQuery(clock.instant());
        return new SummaryResponse(IsoInstants.format(query.from()), IsoInstants.format(query.to()),
                query.groupBy().parameter(),
                repository.summarize(query).stream().map(SummaryGroup::of).toList());
    }
}
