package io.oktioneer.history.ingest;

import io.oktioneer.contracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The topics read ({@code oktioneer.kafka.topics.*}); tests point them at private topics. */
@ConfigurationProperties("oktioneer.kafka.topics")
public record TopicProperties(@DefaultValue(Topics.AUCTIONS) String auctions,
                              @DefaultValue(Topics.PREFERENCES) String preferences) {
}
