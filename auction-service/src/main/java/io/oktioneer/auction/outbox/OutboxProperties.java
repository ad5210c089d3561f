package io.oktioneer.auction.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay: rows per Kafka batch, how often an idle relay looks for rows written by other instances,
 * how often a standby instance tries to become the relay, the PostgreSQL advisory lock that elects it, and the
 * partitions of the auctions topic when the relay has to create it.
 */
@ConfigurationProperties("oktioneer.outbox")
public record OutboxProperties(@DefaultValue("500") int batchSize,
                               @DefaultValue("50ms") Duration idlePoll,
                               @DefaultValue("1s") Duration leaderRetry,
                               @DefaultValue("1s") Duration failureBackoff,
                               @DefaultValue("7316011") long leaderLockKey,
                               @DefaultValue("3") int topicPartitions) {
}
