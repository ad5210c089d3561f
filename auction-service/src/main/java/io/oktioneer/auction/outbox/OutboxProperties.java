package io.oktioneer.auction.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay: rows per Kafka batch and per table read; how often the relay reads the table for rows it
 * was not handed in memory (other instances' commits; a failure or a restart also triggers a read); how often
 * and from how many acknowledged rows it deletes them in bulk; how many handed-over rows it holds in memory
 * (beyond that it reads them back from the table); how often a standby instance tries to become the relay;
 * the PostgreSQL advisory lock that elects it; the partitions of the auctions topic when the relay creates it.
 */
@ConfigurationProperties("oktioneer.outbox")
public record OutboxProperties(@DefaultValue("500") int batchSize,
                               @DefaultValue("1s") Duration tablePoll,
                               @DefaultValue("1s") Duration deleteInterval,
                               @DefaultValue("1000") int deleteBatch,
                               @DefaultValue("10000") int memoryCapacity,
                               @DefaultValue("1s") Duration leaderRetry,
                               @DefaultValue("1s") Duration failureBackoff,
                               @DefaultValue("7316011") long leaderLockKey,
                               @DefaultValue("3") int topicPartitions) {
}
