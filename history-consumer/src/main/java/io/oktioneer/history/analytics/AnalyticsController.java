package io.oktioneer.history.analytics;

import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.Role;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/analytics/summary} (SPEC §3), ADMIN only: the gateway enforces it, and so do we. */
@RestController
class AnalyticsController {

    private final SummaryRepository repository;
    private final Clock clock;

    AnalyticsController(SummaryRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @GetMapping("/api/v1/analytics/summary")
    SummaryResponse summary(@RequestHeader(name = InternalHeaders.ROLE, required = false) String role,
                            @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to,
                            @RequestParam(required = false) String groupBy,
                            @RequestParam(required = false) String currency) {
        if (!Role.ADMIN.name().equals(role)) {
            throw new ForbiddenException("Analytics is for ADMIN keys only.");
        }
        SummaryQuery query = SummaryRequest.parse(from, to, groupBy, currency, clock.instant());
        return new SummaryResponse(IsoInstants.format(query.from()), IsoInstants.format(query.to()),
                query.groupBy().parameter(),
                repository.summarize(query).stream().map(SummaryGroup::of).toList());
    }
}
