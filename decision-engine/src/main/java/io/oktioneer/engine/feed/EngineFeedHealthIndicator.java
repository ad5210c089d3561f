package io.oktioneer.engine.feed;

import io.oktioneer.engine.index.PreferenceIndex;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness (group {@code readiness}, contributor {@code engineFeed}): DOWN until the feed has loaded every
 * preference (and budget snapshot) that was on Kafka when the engine started, so no auction is decided on a
 * partial index; UP from then on.
 */
@Component
class EngineFeedHealthIndicator implements HealthIndicator {

    private final PreferenceFeed feed;
    private final PreferenceIndex index;

    EngineFeedHealthIndicator(PreferenceFeed feed, PreferenceIndex index) {
        this.feed = feed;
        this.index = index;
    }

    @Override
    public Health health() {
        Health.Builder health = feed.caughtUp() ? Health.up() : Health.down();
        health.withDetail("phase", feed.phase().name())
                .withDetail("preferences", index.size())
                .withDetail("usable", index.usable())
                .withDetail("lag", feed.lag());
        String problem = feed.problem();
        if (problem != null && !feed.caughtUp()) {
            health.withDetail("problem", problem);
        }
        return health.build();
    }
}
