package io.oktioneer.preference.outbox;

import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topic this service publishes to ({@code oktioneer.kafka.topics.*}), so tests can isolate it.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param preferences the preferences topic (contracts' {@code Topics.PREFERENCES} in production)
 */
@ConfigurationProperties("oktioneer.kafka.topics")
public record TopicProperties(String preferences) {

    public TopicProperties {
        Objects.requireNonNull(preferences, "oktioneer.kafka.topics.preferences");
    }
}
