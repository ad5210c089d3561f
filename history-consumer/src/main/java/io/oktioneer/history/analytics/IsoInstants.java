package io.oktioneer.history.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants as the API writes them: ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-24T18:00:00.000Z}. */
final class IsoInstants {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoInstants() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
