package io.oktioneer.engine.feed;

import io.oktioneer.contracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Topic names ({@code oktioneer.kafka.topics.*}), so tests can isolate them. */
@ConfigurationProperties("oktioneer.kafka.topics")
public record TopicProperties(@DefaultValue(Topics.PREFERENCES) String preferences,
                              @DefaultValue(Topics.AUCTIONS) String auctions) {
}
