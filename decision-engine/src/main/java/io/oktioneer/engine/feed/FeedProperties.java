package io.oktioneer.engine.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Kafka feed of the index ({@code oktioneer.engine.feed.*}).
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param pollTimeout      longest wait of one poll (bounds how late a stop is noticed, not how late a change is)
 * @param partitionRefresh how often to look for new partitions (or a topic created after start)
 * @param retryBackoff     pause after a Kafka error (broker down at start, metadata timeout)
 * @param replayBudgets    read the auctions topic from its beginning at start, and report ready only after it
 *                         too is caught up; false starts it at its end (spent/reserved then unknown until each
 *                         preference's next ledger change)
 */
@ConfigurationProperties("oktioneer.engine.feed")
public record FeedProperties(Duration pollTimeout,
                             Duration partitionRefresh,
                             Duration retryBackoff,
                             boolean replayBudgets) {
}
