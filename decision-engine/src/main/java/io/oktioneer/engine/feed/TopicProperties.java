package io.oktioneer.engine.feed;

import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topics the index is fed from ({@code oktioneer.kafka.topics.*}), so tests can isolate them.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 */
@ConfigurationProperties("oktioneer.kafka.topics")
public record TopicProperties(String preferences, String auctions) {

    public TopicProperties {
        Objects.requireNonNull(preferences, "oktioneer.kafka.topics.preferences");
        Objects.requireNonNull(auctions, "oktioneer.kafka.topics.auctions");
    }
}
