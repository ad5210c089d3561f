package io.oktioneer.testsupport;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates a test's private topics before anything produces to them, and returns only once every partition has
 * a leader. A topic auto-created by the first send is writable only a while later on a loaded broker, and a
 * burst into it is where producers stalled (idempotent sequence errors until the delivery timeout, seen on CI).
 */
public final class TestTopics {

    private static final long DEADLINE_SECONDS = 60;

    private TestTopics() {
    }

    /** Creates each topic (one already there is fine) with this many partitions and waits for its leaders. */
    public static void create(String bootstrap, int partitions, String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            create(admin, partitions, topics);
        }
    }

    public static void create(Admin admin, int partitions, String... topics) {
        try {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                            .get(DEADLINE_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                awaitLeaders(admin, topic);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + String.join(", ", topics), e);
        }
    }

    /** For a topic created with settings of its own: returns once every partition has a leader. */
    public static void awaitLeaders(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(10, TimeUnit.SECONDS).get(topic);
                if (!description.partitions().isEmpty() && description.partitions().stream()
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException notYetKnown) {
                // UnknownTopicOrPartition until the metadata has propagated: try again.
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no leader for every partition of " + topic + " after "
                        + DEADLINE_SECONDS + " s");
            }
            Thread.sleep(100);
        }
    }
}
