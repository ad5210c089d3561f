package io.oktioneer.history.clickhouse;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed ClickHouse call. {@link #code()} is ClickHouse's error code when the server answered with one (the
 * text format differs between 18.16, {@code Code: 27, e.displayText() = ...}, and current releases,
 * {@code Code: 27. DB::Exception: ...}), -1 when the server could not be reached or said nothing usable.
 */
public final class ClickHouseException extends RuntimeException {

    /** Errors caused by the data sent (a value the column cannot take), which retrying cannot fix. */
    private static final Set<Integer> DATA_ERRORS = Set.of(6, 26, 27, 32, 38, 41, 53, 69, 70, 72, 117, 376, 407);
    private static final int UNKNOWN_TABLE = 60;
    private static final int UNKNOWN_DATABASE = 81;
    private static final Pattern CODE = Pattern.compile("Code: (\\d+)");

    private final int code;

    public ClickHouseException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    static ClickHouseException fromResponse(int status, String body) {
        Matcher matcher = CODE.matcher(body);
        int code = matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
        String text = body.strip();
        if (text.length() > 500) {
            text = text.substring(0, 500) + "...";
        }
        return new ClickHouseException("ClickHouse answered HTTP " + status + ": " + text, code, null);
    }

    public int code() {
        return code;
    }

    /** True when the rows themselves were rejected: retrying the same rows would fail forever. */
    public boolean isDataError() {
        return DATA_ERRORS.contains(code);
    }

    /** True when the table or database is missing (dropped, or a fresh server): the schema must be created. */
    public boolean isMissingSchema() {
        return code == UNKNOWN_TABLE || code == UNKNOWN_DATABASE;
    }
}
