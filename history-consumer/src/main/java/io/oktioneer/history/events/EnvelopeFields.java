package io.oktioneer.history.events;

import io.oktioneer.support.events.EventReader;
import io.oktioneer.support.events.MalformedEventException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Checks and conversions shared by the tables: what makes a record poison, and how values are normalised. */
final class EnvelopeFields {

    /** DateTime holds 1970-01-01 .. 2105-12-31 on every ClickHouse version. */
    private static final long LATEST_MILLIS = Instant.parse("2105-12-31T23:59:59Z").toEpochMilli();
    private static final BigDecimal DECIMAL_LIMIT = new BigDecimal("1e16");

    private EnvelopeFields() {
    }

    static UUID eventId(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("missing eventId");
        }
        return uuid("eventId", value);
    }

    static String eventIdText(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("missing eventId");
        }
        return uuidText("eventId", value);
    }

    static String type(String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("missing type");
        }
        return value;
    }

    /** Epoch milliseconds of an ISO-8601 instant that a {@code DateTime} column can hold. */
    static long occurredAtMillis(String value) {
        if (value == null) {
            throw new PoisonRecordException("missing occurredAt");
        }
        long millis;
        try {
            millis = IsoTimestamps.epochMillis(value);
        } catch (DateTimeException e) {
            throw new PoisonRecordException("occurredAt is not an ISO-8601 instant: " + value);
        }
        if (millis < 0 || millis > LATEST_MILLIS) {
            throw new PoisonRecordException("occurredAt out of range: " + value);
        }
        return millis;
    }

    /**
     * A UUID as ClickHouse reads it, {@code 8-4-4-4-12} hex digits. The usual canonical input passes on the
     * cheapest check (length and dashes; a stray non-hex digit is then refused by ClickHouse, and that row alone is
     * dead-lettered); any other form accepted by {@link UUID#fromString} is rewritten canonically.
     */
    static String uuidText(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() == 36 && value.charAt(8) == '-' && value.charAt(13) == '-' && value.charAt(18) == '-'
                && value.charAt(23) == '-') {
            return value;
        }
        return uuid(field, value).toString();
    }

    static UUID uuid(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException(field + " is not a UUID: " + value);
        }
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new PoisonRecordException("missing " + field);
        }
        return value;
    }

    /** An amount as {@code Decimal(18,2)} holds it: at most 2 fraction digits and below 10^16. */
    static BigDecimal amount(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal plain = value;
        if (plain.scale() > 2 || plain.scale() < 0) {
            plain = plain.stripTrailingZeros();
            if (plain.scale() < 0) {
                plain = plain.setScale(0);
            }
        }
        if (plain.scale() > 2 || plain.abs().compareTo(DECIMAL_LIMIT) >= 0) {
            throw new PoisonRecordException(field + " is not an amount with at most 2 decimals: " + value);
        }
        return plain;
    }

    static Integer nonNegative(String field, Integer value) {
        if (value != null && value < 0) {
            throw new PoisonRecordException(field + " is negative: " + value);
        }
        return value;
    }

    /** Categories and brands compare case-insensitively after trimming (SPEC §2); blank means none. */
    static String normalisedKey(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    /** The envelope's trace id, else the one of the W3C {@code traceparent} header the producer propagated. */
    static String traceId(String envelopeTraceId, ConsumerRecord<byte[], byte[]> record) {
        if (envelopeTraceId != null && !envelopeTraceId.isBlank()) {
            return envelopeTraceId;
        }
        Header header = record.headers().lastHeader("traceparent");
        if (header == null || header.value() == null) {
            return null;
        }
        String[] parts = new String(header.value(), StandardCharsets.US_ASCII).split("-");
        return parts.length >= 4 && parts[1].length() == 32 ? parts[1] : null;
    }

    /**
     * Reads one record with {@code reader}; a record that is not JSON, or not one JSON object, is poison (the
     * type decides what a record with a field of the wrong JSON type is worth).
     */
    static void read(EventReader reader, JsonMapper mapper, byte[] value) {
        try {
            reader.read(mapper, value);
        } catch (MalformedEventException e) {
            throw new PoisonRecordException(e.getMessage());
        } catch (JacksonException e) {
            throw new PoisonRecordException("not JSON", e);
        }
    }
}
