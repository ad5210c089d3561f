package io.oktioneer.auction.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the auctions topic exists, with a leader for every partition, before the relay first publishes:
 * created when missing (the broker's replication factor), never altered when it exists. A topic that a first
 * burst of sends auto-creates is writable only a while later, and an idempotent producer bursting into it was
 * seen to stall on sequence errors until its delivery timeout. Checked by the relay, not at start, so a Kafka
 * outage at start delays nothing.
 */
class AuctionTopic {

    private static final Logger log = LoggerFactory.getLogger(AuctionTopic.class);
    private static final long CALL_TIMEOUT_MS = 5_000;

    private final Map<String, Object> adminProperties;
    private final String name;
    private final int partitions;
    private boolean ready;

    AuctionTopic(Map<String, Object> clientProperties, String name, int partitions) {
        // The producer's connection settings (bootstrap servers, TLS, SASL), without its producer-only ones.
        Map<String, Object> admin = new HashMap<>(clientProperties);
        admin.keySet().retainAll(AdminClientConfig.configNames());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MS);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT_MS);
        admin.remove(AdminClientConfig.CLIENT_ID_CONFIG);
        this.adminProperties = Map.copyOf(admin);
        this.name = name;
        this.partitions = partitions;
    }

    /** Returns once the topic is writable; throws (the relay backs off and asks again) while it is not. */
    void ensureWritable() throws InterruptedException {
        if (ready) {
            return;
        }
        try (Admin admin = Admin.create(adminProperties)) {
            TopicDescription description = describe(admin);
            if (description == null) {
                create(admin);
                description = describe(admin);
            }
            if (description == null || description.partitions().stream()
                    .anyMatch(p -> p.leader() == null || p.leader().isEmpty())) {
                throw new IllegalStateException("topic " + name + " has no leader for every partition yet");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot check topic " + name + ": " + e, e);
        }
        ready = true;
    }

    private TopicDescription describe(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return admin.describeTopics(List.of(name)).allTopicNames().get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .get(name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private void create(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all()
                    .get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            log.info("created topic {} with {} partitions", name, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
