package io.oktioneer.preference.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay: how often it looks for rows when nobody woke it ({@code poll-interval}; writes in this
 * instance wake it at once), how many rows it publishes per transaction, how long it waits for Kafka's
 * acknowledgements, and its longest back-off after a failure.
 */
@ConfigurationProperties("oktioneer.outbox")
public record OutboxProperties(@DefaultValue("true") boolean relayEnabled,
                               @DefaultValue("500ms") Duration pollInterval,
                               @DefaultValue("500") int batchSize,
                               @DefaultValue("20s") Duration sendTimeout,
                               @DefaultValue("5s") Duration maxBackoff,
                               @DefaultValue("3") int topicPartitions) {
}
