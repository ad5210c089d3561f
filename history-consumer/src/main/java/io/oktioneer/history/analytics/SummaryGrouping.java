package io.oktioneer.history.analytics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The {@code groupBy} values of the summary and the column expression each groups on. */
public enum SummaryGrouping {
    CATEGORY("category"),
    BRAND("brand"),
    EXCHANGE("exchange"),
    /** The bidding user; NO_BID rounds have none and group under null. */
    USER("user_id"),
    /** The hour's start as epoch seconds (formatted as an ISO instant in the answer). */
    HOUR("toUInt32(toStartOfHour(occurred_at))");

    private final String expression;

    SummaryGrouping(String expression) {
        this.expression = expression;
    }

    String expression() {
        return expression;
    }

    /** The value as the API spells it. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<SummaryGrouping> fromParameter(String value) {
        return Arrays.stream(values()).filter(g -> g.parameter().equalsIgnoreCase(value.strip())).findFirst();
    }
}
