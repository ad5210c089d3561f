package io.oktioneer.history.analytics;

import io.oktioneer.support.problem.FieldError;
import io.oktioneer.support.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;

/**
 * The summary's query parameters as sent (bound by Spring MVC: all text, so binding never fails), and their
 * validation into a {@link SummaryQuery} (SPEC §3) by {@link #toQuery}, which lists every invalid parameter in one
 * 400: {@code from}/{@code to} ISO-8601 (an instant with Z or an offset, or a bare date meaning its start in UTC),
 * default the 24 hours up to now; {@code from > to} or a span over 366 days is refused; {@code groupBy} defaults
 * to category. The published parameters are this record's.
 */
@ParameterObject
public record SummaryRequest(
        @Parameter(description = "Start of the window, inclusive: an ISO-8601 instant (`Z` or an offset) or a date"
                + " (its start in UTC). Default: `to` minus 24 hours.", example = "2026-11-24T00:00:00.000Z",
                schema = @Schema(type = "string", format = "date-time"))
        String from,
        @Parameter(description = "End of the window, exclusive; same forms as `from`. Default: now. At most 366"
                + " days after `from`.", example = "2026-11-25T00:00:00.000Z",
                schema = @Schema(type = "string", format = "date-time"))
        String to,
        @Parameter(description = "What the groups are: `hour` keys are the hour's start; `user` is the bidding"
                + " user (NO_BID rounds group under null)", schema = @Schema(type = "string",
                allowableValues = {"category", "brand", "exchange", "user", "hour"}, defaultValue = "category"))
        String groupBy,
        @Parameter(description = "Only auctions in this currency (ISO 4217 code); default: all", example = "EUR",
                schema = @Schema(type = "string", pattern = "^[A-Z]{3}$"))
        String currency) {

    static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    public static SummaryQuery parse(String from, String to, String groupBy, String currency, Instant now) {
        return new SummaryRequest(from, to, groupBy, currency).toQuery(now);
    }

    public SummaryQuery toQuery(Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant parsedFrom = instant("from", from, errors);
        Instant parsedTo = instant("to", to, errors);
        SummaryGrouping grouping = SummaryGrouping.CATEGORY;
        if (present(groupBy)) {
            grouping = SummaryGrouping.fromParameter(groupBy).orElse(null);
            if (grouping == null) {
                errors.add(new FieldError("groupBy", "must be one of category, brand, exchange, user, hour"));
            }
        }
        String currencyCode = null;
        if (present(currency)) {
            currencyCode = currency.strip();
            if (!currencyCode.matches("[A-Z]{3}")) {
                errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR"));
            }
        }
        if (errors.isEmpty()) {
            Instant end = parsedTo != null ? parsedTo : now.truncatedTo(ChronoUnit.MILLIS);
            Instant start = parsedFrom != null ? parsedFrom : end.minus(DEFAULT_WINDOW);
            if (start.isAfter(end)) {
                errors.add(new FieldError("from", "must not be after to"));
            } else if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
                errors.add(new FieldError("to", "the window from..to must not exceed 366 days"));
            } else {
                return new SummaryQuery(start, end, grouping, currencyCode);
            }
        }
        throw new InvalidRequestException(errors);
    }

    private static Instant instant(String field, String value, List<FieldError> errors) {
        if (!present(value)) {
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-11-24T18:00:00.000Z"));
                return null;
            }
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
