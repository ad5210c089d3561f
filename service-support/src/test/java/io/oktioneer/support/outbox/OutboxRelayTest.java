package io.oktioneer.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay's logic against an in-memory table and Kafka: order, each row once, failures, wake-ups, standby. */
class OutboxRelayTest {

    /** Long enough that nothing in a test happens because of a poll. */
    private static final Duration NEVER = Duration.ofHours(1);

    private final Table table = new Table();
    private final Kafka kafka = new Kafka();
    private OutboxRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.stop();
        }
    }

    @Test
    void atStartPublishesTheTableInIdOrderAcrossBatchesAndDeletesWhatKafkaAcknowledged() {
        table.commit(1, 12);
        relay = start(properties(5, NEVER, Duration.ZERO));

        awaitTrue(() -> table.isEmpty());
        assertThat(kafka.ids()).containsExactlyElementsOf(range(1, 12));
        assertThat(kafka.batchSizes()).containsExactly(5, 5, 2);
    }

    @Test
    void handedOverRowsAreSentWithoutReadingTheTableAndDeletedInBulk() {
        relay = start(properties(100, NEVER, Duration.ZERO));
        awaitTrue(() -> table.reads.get() == 1 && relay.isRunning());
        awaitLeading();

        relay.committed(table.commit(1, 3));
        relay.committed(table.commit(4, 6));

        awaitTrue(() -> table.isEmpty());
        assertThat(kafka.ids()).containsExactlyElementsOf(range(1, 6));
        assertThat(table.reads.get()).as("no read after the first scan").isEqualTo(1);
    }

    @Test
    void aRowHandedOverAfterTheScanThatReadItIsSentOnce() {
        relay = start(properties(100, NEVER, NEVER));
        awaitLeading();
        List<OutboxRecord> rows = table.commit(1, 3);
        relay.wake(); // the scan reads rows 1-3 ...
        awaitTrue(() -> kafka.ids().size() == 3);
        relay.committed(rows); // ... which arrive in memory afterwards
        relay.committed(table.commit(4, 4));

        awaitTrue(() -> kafka.ids().contains(4L));
        assertThat(kafka.ids()).containsExactlyElementsOf(range(1, 4));
    }

    @Test
    void aWakeUpReadsTheTableBeforeThePoll() {
        relay = start(properties(100, NEVER, Duration.ZERO));
        awaitLeading();
        table.commit(1, 2);
        relay.wake();

        awaitTrue(() -> table.isEmpty());
        assertThat(kafka.ids()).containsExactly(1L, 2L);
    }

    @Test
    void afterAFailedSendOnlyTheAcknowledgedPrefixIsDeletedAndTheRestIsSentAgainInOrder() {
        table.commit(1, 6);
        kafka.failAt.set(3); // rows 1-3 acknowledged, row 4 not (and so 5 and 6 count as not sent)
        relay = start(properties(100, NEVER, Duration.ZERO));

        awaitTrue(() -> table.isEmpty());
        assertThat(kafka.ids()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(kafka.attempts()).containsExactly(List.of(1L, 2L, 3L, 4L, 5L, 6L), List.of(4L, 5L, 6L));
    }

    @Test
    void aStandbyPublishesNothingUntilItLeads() throws InterruptedException {
        table.leader = false;
        table.commit(1, 3);
        relay = start(properties(100, Duration.ofMillis(10), Duration.ZERO));
        awaitTrue(() -> table.leadCalls.get() >= 3);
        relay.committed(table.commit(4, 4));
        assertThat(kafka.ids()).isEmpty();

        table.leader = true;
        awaitTrue(() -> table.isEmpty());
        assertThat(kafka.ids()).containsExactlyElementsOf(range(1, 4));
    }

    @Test
    void aDatabaseFailureGivesTheRelayUpAndItScansAgain() {
        table.commit(1, 2);
        table.failReads.set(1);
        relay = start(properties(100, NEVER, Duration.ZERO));

        awaitTrue(() -> table.isEmpty());
        assertThat(table.releases.get()).isGreaterThanOrEqualTo(1);
        assertThat(kafka.ids()).containsExactly(1L, 2L);
    }

    @Test
    void aDisabledRelayDoesNotStart() {
        OutboxProperties disabled = new OutboxProperties(false, 10, NEVER, Duration.ZERO, 1, 100,
                Duration.ofMillis(10), 1, Duration.ZERO, Duration.ZERO, 1, NEVER);
        relay = new OutboxRelay(table, kafka, disabled, "t");
        relay.start();
        assertThat(relay.isRunning()).isFalse();
    }

    private OutboxRelay start(OutboxProperties properties) {
        OutboxRelay started = new OutboxRelay(table, kafka, properties, "t");
        started.start();
        return started;
    }

    private void awaitLeading() {
        awaitTrue(() -> table.reads.get() >= 1);
    }

    private static OutboxProperties properties(int batchSize, Duration poll, Duration deleteInterval) {
        return new OutboxProperties(true, batchSize, poll, deleteInterval, 1000, 100, Duration.ofMillis(10), 1,
                Duration.ofMillis(1), Duration.ofMillis(5), 1, NEVER);
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The outbox table: rows by id; the relay lock is {@link #leader}. */
    private static final class Table implements OutboxTable {
        private final TreeMap<Long, OutboxRecord> rows = new TreeMap<>();
        private final AtomicInteger reads = new AtomicInteger();
        private final AtomicInteger leadCalls = new AtomicInteger();
        private final AtomicInteger releases = new AtomicInteger();
        private final AtomicInteger failReads = new AtomicInteger();
        private volatile boolean leader = true;

        synchronized List<OutboxRecord> commit(long from, long to) {
            List<OutboxRecord> committed = new ArrayList<>();
            for (long id = from; id <= to; id++) {
                OutboxRecord row = new OutboxRecord(id, "k" + (id % 2), "{\"n\":" + id + "}", null);
                rows.put(id, row);
                committed.add(row);
            }
            return committed;
        }

        synchronized boolean isEmpty() {
            return rows.isEmpty();
        }

        @Override
        public boolean lead() {
            leadCalls.incrementAndGet();
            return leader;
        }

        @Override
        public void release() {
            releases.incrementAndGet();
        }

        @Override
        public synchronized List<OutboxRecord> oldest(int limit) throws SQLException {
            if (failReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new SQLException("connection lost");
            }
            reads.incrementAndGet();
            return rows.values().stream().limit(limit).toList();
        }

        @Override
        public synchronized void delete(List<Long> ids) {
            ids.forEach(rows::remove);
        }
    }

    /** Kafka: what it acknowledged, in order; {@link #failAt} fails one batch after that many records. */
    private static final class Kafka implements OutboxSender {
        private final List<Long> acknowledged = new ArrayList<>();
        private final List<List<Long>> attempts = new ArrayList<>();
        private final List<Integer> batchSizes = new ArrayList<>();
        private final AtomicInteger failAt = new AtomicInteger(-1);

        @Override
        public synchronized int send(List<OutboxRecord> rows) {
            List<Long> ids = rows.stream().map(OutboxRecord::id).toList();
            attempts.add(ids);
            batchSizes.add(rows.size());
            int fail = failAt.getAndSet(-1);
            int sent = fail >= 0 ? Math.min(fail, rows.size()) : rows.size();
            acknowledged.addAll(ids.subList(0, sent));
            return sent;
        }

        synchronized List<Long> ids() {
            return List.copyOf(acknowledged);
        }

        synchronized List<List<Long>> attempts() {
            return List.copyOf(attempts);
        }

        synchronized List<Integer> batchSizes() {
            return List.copyOf(batchSizes);
        }

        @Override
        public void close() {
        }
    }
}
