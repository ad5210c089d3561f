package io.oktioneer.support.outbox;

/**
 * A committed outbox row: its id (the table's order, what the relay deletes), the Kafka key, the payload (null:
 * a tombstone) and the W3C {@code traceparent} of the request that wrote it (null: none).
 */
public record OutboxRecord(long id, String key, String payload, String traceparent) {
}
