package io.oktioneer.support.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay ({@code oktioneer.outbox.*}): whether this instance runs it; rows per Kafka batch and per
 * table read; how often the relay reads the table when nothing woke it; how often and from how many acknowledged
 * rows it deletes handed-over rows in bulk; how many handed-over rows it holds in memory (beyond that it reads
 * them back from the table); how often a standby instance tries to become the relay, and the PostgreSQL advisory
 * lock that elects it (advisory locks are per database); the first back-off after a failure (doubled up to
 * {@code max-backoff}); the partitions of the topic when the relay creates it; how often the backlog gauges are
 * refreshed.
 *
 * <p>Defaults: the {@code @DefaultValue}s here, the one place of them: the services that relay (auction-service,
 * preference-service) share them, and a service's application.yml sets only a value of its own that differs
 * (preference-service's {@code poll-interval}); each service's SettingsTest fails on a value that repeats one.
 */
@ConfigurationProperties("oktioneer.outbox")
public record OutboxProperties(@DefaultValue("true") boolean relayEnabled,
                               @DefaultValue("500") int batchSize,
                               @DefaultValue("1s") Duration pollInterval,
                               @DefaultValue("1s") Duration deleteInterval,
                               @DefaultValue("1000") int deleteBatch,
                               @DefaultValue("10000") int memoryCapacity,
                               @DefaultValue("1s") Duration leaderRetry,
                               @DefaultValue("7316011") long leaderLockKey,
                               @DefaultValue("500ms") Duration failureBackoff,
                               @DefaultValue("5s") Duration maxBackoff,
                               @DefaultValue("3") int topicPartitions,
                               @DefaultValue("5s") Duration backlogRefresh) {
}
