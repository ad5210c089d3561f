package io.oktioneer.auction.outbox;

/** A committed outbox row: its id (the table's order, what the relay deletes), Kafka key, payload, trace context. */
public record OutboxRecord(long id, String key, String payload, String traceparent) {
}
