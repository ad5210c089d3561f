package io.oktioneer.history.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 instants to epoch milliseconds. The form every producer here writes ({@code 2026-11-24T18:00:00.123Z},
 * with any number of fraction digits or none) is read without a formatter, several times faster than
 * {@link Instant#parse}; anything else (an offset, say) goes through {@link Instant#parse}.
 */
final class IsoTimestamps {

    private static final long NOT_FAST = Long.MIN_VALUE;

    private IsoTimestamps() {
    }

    /** Epoch milliseconds (sub-millisecond digits dropped); throws {@link DateTimeException} when not an instant. */
    static long epochMillis(String text) {
        long fast = fast(text);
        if (fast != NOT_FAST) {
            return fast;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new DateTimeException("not an ISO-8601 instant: " + text, e);
        }
    }

    private static long fast(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || (length > 20 && (text.charAt(19) != '.' || length == 21))) {
            return NOT_FAST;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = 0;
        for (int i = 20, scale = 100; i < length - 1; i++, scale /= 10) {
            int digit = digits(text, i, 1);
            if (digit < 0) {
                return NOT_FAST;
            }
            millis += digit * scale;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return NOT_FAST;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
        } catch (DateTimeException e) {
            return NOT_FAST;
        }
    }

    /** The number written by {@code count} digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
