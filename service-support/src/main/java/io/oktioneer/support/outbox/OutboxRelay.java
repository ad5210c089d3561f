package io.oktioneer.support.outbox;

import io.oktioneer.support.worker.SingleThreadWorker;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes a service's outbox table to its topic: every row, in id order, with its key and its writer's
 * {@code traceparent} header; a row is deleted once Kafka acknowledged it and every row sent before it.
 * At-least-once: a row is sent again after a failed send, or when the relay stopped between the acknowledgement
 * and the delete (consumers dedup on the envelope's {@code eventId}).
 *
 * <p>One instance per database relays (see {@link JdbcOutboxTable}); the others stand by. A single publisher
 * keeps each key in commit order: the rows of one key are written under one row lock, so their ids follow
 * their commits.
 *
 * <p>The relay reads the table ("a scan": id order, {@code batch-size} rows a read, the acknowledged rows deleted
 * before each read) when it starts or takes over, when {@link #wake() woken} after a commit, after a failed send,
 * when its memory queue overflowed, and every {@code poll-interval}. A writer may instead hand over its committed
 * rows with their ids ({@link #committed}): the relay sends them at once without reading them back, and deletes
 * the acknowledged ones in bulk (one {@code DELETE ... = ANY(?)} per {@code delete-interval} or
 * {@code delete-batch} ids). Before a scan the memory queue is dropped (its rows are in the table), and a row
 * handed over after the scan that read it is skipped, so each row is sent once. Handing over trades order
 * across instances (another instance's rows wait for the next scan) for throughput. While Kafka is down the
 * relay waits on its in-flight batch (the producer's {@code delivery.timeout.ms}), then backs off and scans;
 * writers keep committing to the table.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** In the memory queue: read the table now. */
    private static final OutboxRecord WAKE = new OutboxRecord(Long.MIN_VALUE, null, null, null);

    private final OutboxTable table;
    private final OutboxSender sender;
    private final OutboxProperties properties;
    private final String topic;
    private final SingleThreadWorker worker;
    private final LinkedBlockingQueue<OutboxRecord> handedOver;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean leading;
    private volatile boolean overflowed;
    /** Relay thread only: ids Kafka acknowledged, not deleted yet. */
    private final List<Long> acknowledged = new ArrayList<>();
    /** Relay thread only: ids read by the scans since the memory queue was last dropped. */
    private final Set<Long> scanned = new HashSet<>();
    private boolean scanNeeded = true;
    private long lastScanAt;
    private long lastDeleteAt;
    private int failures;

    OutboxRelay(OutboxTable table, OutboxSender sender, OutboxProperties properties, String topic) {
        this.table = table;
        this.sender = sender;
        this.properties = properties;
        this.topic = topic;
        this.handedOver = new LinkedBlockingQueue<>(properties.memoryCapacity());
        // An idle wait ends within poll-interval and an in-flight batch finishes; past that, interrupted.
        this.worker = new SingleThreadWorker("outbox-relay", Duration.ofSeconds(10), this::loop);
    }

    /**
     * After a commit, with the outbox rows it committed (and their ids). Kept only on the relay instance
     * (elsewhere they wait in the table for the relay's next scan); never blocks the caller.
     */
    public void committed(List<OutboxRecord> records) {
        if (!leading || records.isEmpty()) {
            return;
        }
        for (OutboxRecord record : records) {
            if (!handedOver.offer(record)) {
                overflowed = true;
                return;
            }
        }
    }

    /** After a commit that wrote outbox rows: the relay reads the table now instead of at its next poll. */
    public void wake() {
        if (leading && woken.compareAndSet(false, true) && !handedOver.offer(WAKE)) {
            overflowed = true;
        }
    }

    @Override
    public void start() {
        if (properties.relayEnabled()) {
            worker.start();
        }
    }

    @Override
    public void stop() {
        worker.stop(() -> handedOver.offer(WAKE));
    }

    @Override
    public boolean isRunning() {
        return worker.running();
    }

    /** Starts before and stops after the web server and the writers, so their last rows go out at once. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }

    private void loop() {
        try {
            while (worker.running()) {
                try {
                    if (!table.lead()) {
                        leading = false;
                        handedOver.clear();
                        Thread.sleep(properties.leaderRetry().toMillis());
                        continue;
                    }
                    if (!leading) {
                        log.info("this instance now relays the outbox to {}", topic);
                        leading = true;
                        scanNeeded = true;
                    }
                    if (scanNeeded || overflowed
                            || System.nanoTime() - lastScanAt >= properties.pollInterval().toNanos()) {
                        scan();
                    } else {
                        relayHandedOver();
                    }
                } catch (SQLException | RuntimeException e) {
                    log.warn("outbox relay to {}: {}", topic, e.toString());
                    leading = false;
                    table.release();
                    backOff();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                if (leading) {
                    deleteAcknowledged();
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("outbox relay: acknowledged rows not deleted at stop (they will be sent again)", e);
            }
            leading = false;
            table.release();
            sender.close();
        }
    }

    /** Reads the table in id order until it is drained; the memory queue's rows are in it, so they are dropped. */
    private void scan() throws SQLException, InterruptedException {
        woken.set(false);
        overflowed = false;
        handedOver.clear();
        scanned.clear();
        deleteAcknowledged();
        while (worker.running()) {
            List<OutboxRecord> rows = table.oldest(properties.batchSize());
            lastScanAt = System.nanoTime();
            rows.forEach(r -> scanned.add(r.id()));
            if (!rows.isEmpty() && !send(rows)) {
                return;
            }
            deleteAcknowledged();
            if (rows.size() < properties.batchSize()) {
                scanNeeded = false;
                failures = 0;
                return;
            }
        }
    }

    /** Sends what was handed over, waiting at most until the next scan or the next bulk delete. */
    private void relayHandedOver() throws SQLException, InterruptedException {
        long now = System.nanoTime();
        long wait = lastScanAt + properties.pollInterval().toNanos() - now;
        if (!acknowledged.isEmpty()) {
            wait = Math.min(wait, lastDeleteAt + properties.deleteInterval().toNanos() - now);
        }
        OutboxRecord first = handedOver.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
        if (first != null) {
            List<OutboxRecord> batch = new ArrayList<>();
            batch.add(first);
            handedOver.drainTo(batch, properties.batchSize() - 1);
            if (batch.removeIf(r -> r == WAKE)) {
                scanNeeded = true;
            }
            batch.removeIf(r -> scanned.contains(r.id()));
            if (!batch.isEmpty() && !send(batch)) {
                return;
            }
        }
        if (acknowledged.size() >= properties.deleteBatch() || (!acknowledged.isEmpty()
                && System.nanoTime() - lastDeleteAt >= properties.deleteInterval().toNanos())) {
            deleteAcknowledged();
        }
    }

    /** Sends the rows; false (and a scan after the back-off) when Kafka did not acknowledge all of them. */
    private boolean send(List<OutboxRecord> rows) throws InterruptedException {
        int sent = sender.send(rows);
        for (int i = 0; i < sent; i++) {
            acknowledged.add(rows.get(i).id());
        }
        if (sent < rows.size()) {
            scanNeeded = true;
            backOff();
            return false;
        }
        failures = 0;
        return true;
    }

    /** {@code failure-backoff}, doubled after each failure in a row up to {@code max-backoff}. */
    private void backOff() throws InterruptedException {
        scanNeeded = true;
        long first = properties.failureBackoff().toMillis();
        long millis = Math.min(first << Math.min(failures, 16), properties.maxBackoff().toMillis());
        failures++;
        Thread.sleep(Math.max(0, millis));
    }

    /** One DELETE for every row Kafka acknowledged since the last one. */
    private void deleteAcknowledged() throws SQLException {
        lastDeleteAt = System.nanoTime();
        if (acknowledged.isEmpty()) {
            return;
        }
        table.delete(acknowledged);
        acknowledged.clear();
    }
}
