package io.oktioneer.history.ingest;

import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topics read ({@code oktioneer.kafka.topics.*}); tests point them at private topics.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 */
@ConfigurationProperties("oktioneer.kafka.topics")
public record TopicProperties(String auctions, String preferences) {

    public TopicProperties {
        Objects.requireNonNull(auctions, "oktioneer.kafka.topics.auctions");
        Objects.requireNonNull(preferences, "oktioneer.kafka.topics.preferences");
    }
}
