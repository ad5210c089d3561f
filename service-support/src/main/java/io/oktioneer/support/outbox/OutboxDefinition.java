package io.oktioneer.support.outbox;

import org.apache.kafka.clients.admin.NewTopic;

/**
 * What a service relays: its outbox table (columns {@code id} bigint in commit order per key, {@code message_key},
 * {@code payload}, {@code traceparent}, {@code created_at}) and the topic its rows go to (the service's
 * {@code NewTopic} bean; the relay has {@code KafkaAdmin} create it before its first send).
 */
public record OutboxDefinition(String table, NewTopic topic) {

    public OutboxDefinition {
        if (!table.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?")) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
    }
}
