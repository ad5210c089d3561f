package io.oktioneer.contracts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The envelope of every event on every topic (SPEC §5): {@code eventId, type, version, occurredAt, traceId}
 * then the payload, whose record type is named by {@code type}.
 */
public record EventEnvelope<T>(UUID eventId, String type, int version, Instant occurredAt, String traceId,
                               T payload) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public static <T> EventEnvelope<T> of(String type, Instant occurredAt, String traceId, T payload) {
        return new EventEnvelope<>(UUID.randomUUID(), type, EventTypes.VERSION, occurredAt, traceId, payload);
    }
}
