package io.oktioneer.auction.outbox;

import io.oktioneer.support.outbox.OutboxConfiguration;
import io.oktioneer.support.outbox.OutboxDefinition;
import io.oktioneer.support.outbox.OutboxProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The auctions outbox: table {@code outbox}, topic {@code oktioneer.auctions.v1} (created by the relay when
 * missing, with {@code oktioneer.outbox.topic-partitions} and the broker's replication factor). The ledger writer
 * hands each commit's rows to the relay ({@code OutboxRelay.committed}).
 */
@Configuration(proxyBeanMethods = false)
@Import(OutboxConfiguration.class)
class AuctionOutboxConfiguration {

    @Bean
    NewTopic auctionsTopic(@Value("${oktioneer.kafka.topics.auctions}") String name,
                           OutboxProperties outbox) {
        return TopicBuilder.name(name).partitions(outbox.topicPartitions()).build();
    }

    @Bean
    OutboxDefinition auctionsOutbox(NewTopic auctionsTopic) {
        return new OutboxDefinition("outbox", auctionsTopic);
    }
}
