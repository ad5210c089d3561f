package io.oktioneer.history.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SummaryRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-24T18:30:15.123456Z");

    @Test
    void defaultsToTheLast24HoursGroupedByCategory() {
        SummaryQuery query = SummaryRequest.parse(null, null, null, null, NOW);

        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-24T18:30:15.123Z"));
        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-23T18:30:15.123Z"));
        assertThat(query.groupBy()).isEqualTo(SummaryGrouping.CATEGORY);
        assertThat(query.currency()).isNull();
    }

    @Test
    void acceptsInstantsWithOffsetsDatesAndEveryGrouping() {
        SummaryQuery query = SummaryRequest.parse("2026-11-24T19:00:00+01:00", "2026-11-25", "HOUR", "EUR", NOW);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-11-24T18:00:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(query.groupBy()).isEqualTo(SummaryGrouping.HOUR);
        assertThat(query.currency()).isEqualTo("EUR");
        for (String grouping : new String[] {"category", "brand", "exchange", "user", "hour"}) {
            assertThat(SummaryRequest.parse(null, null, grouping, null, NOW).groupBy().parameter()).isEqualTo(grouping);
        }
    }

    @Test
    void aMissingBoundIsTakenFromTheOther() {
        assertThat(SummaryRequest.parse(null, "2026-11-20T00:00:00Z", null, null, NOW).from())
                .isEqualTo(Instant.parse("2026-11-19T00:00:00Z"));
        assertThat(SummaryRequest.parse("2026-11-20T00:00:00Z", null, null, null, NOW).to())
                .isEqualTo(Instant.parse("2026-11-24T18:30:15.123Z"));
    }

    @Test
    void anEmptyWindowAndExactly366DaysAreFine() {
        assertThat(SummaryRequest.parse("2026-11-20T00:00:00Z", "2026-11-20T00:00:00Z", null, null, NOW).from())
                .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        SummaryQuery year = SummaryRequest.parse("2025-11-20T00:00:00Z", "2026-11-21T00:00:00Z", null, null, NOW);
        assertThat(Duration.between(year.from(), year.to())).isEqualTo(Duration.ofDays(366));
    }

    @Test
    void refusesFromAfterToAndSpansOver366Days() {
        assertThatThrownBy(() -> SummaryRequest.parse("2026-11-20T00:00:00.001Z", "2026-11-20T00:00:00Z", null,
                null, NOW)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("from"));
        assertThatThrownBy(() -> SummaryRequest.parse("2025-11-20T00:00:00Z", "2026-11-21T00:00:00.001Z", null,
                null, NOW)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("to"));
        assertThatThrownBy(() -> SummaryRequest.parse("2026-11-25T00:00:00Z", null, null, null, NOW))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void listsEveryInvalidParameter() {
        assertThatThrownBy(() -> SummaryRequest.parse("yesterday", "2026-13-01T00:00:00Z", "day", "euro", NOW))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("from", "to", "groupBy", "currency"));
    }
}
