package io.oktioneer.auction.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes the outbox to Kafka (idempotent producer, acks=all). One instance at a time is the relay (a
 * PostgreSQL session advisory lock); the others stand by and take over when its session ends.
 *
 * <p>The relay instance is fed from memory: its ledger writer hands over each commit's outbox rows (with their
 * ids) and they are sent at once, without reading them back. Kafka's acknowledgements are deleted in bulk (one
 * {@code DELETE ... = ANY(?)} per {@code delete-interval} or {@code delete-batch} ids). The table is the durable
 * fallback, read in id order ("a scan") when the relay starts or takes over, after a failed send, when the
 * memory queue overflowed, and every {@code table-poll} for rows other instances committed. Before a scan the
 * acknowledged rows are deleted and the memory queue is dropped (its rows are in the table), and a row handed
 * over after the scan that read it is skipped, so the relay sends each row once. While Kafka is down the relay
 * waits on its in-flight batch (the producer retries until {@code delivery.timeout.ms}) and sends nothing else;
 * evaluations keep committing to the table; a row is sent again only after its previous send failed, or when
 * the relay stopped between Kafka's acknowledgement and the bulk delete (a redelivery consumers dedup on eventId).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration PRODUCER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Map<String, Object> producerProperties;
    private final String topic;
    private final AuctionTopic auctionTopic;
    private final OutboxProperties properties;
    private final Counter publishErrors;
    private final LinkedBlockingQueue<OutboxRecord> handedOver;
    private volatile boolean leading;
    private volatile boolean overflowed;
    private volatile boolean running;
    private Thread thread;
    private Connection leaderConnection;
    private long leaderCheckedAt;
    private Producer<String, String> producer;
    /** Relay thread only: ids Kafka acknowledged, not deleted yet. */
    private final List<Long> acknowledged = new ArrayList<>();
    /** Relay thread only: ids read by the scans since the memory queue was last dropped. */
    private final Set<Long> scanned = new HashSet<>();
    private boolean scanNeeded = true;
    private long lastScanAt;
    private long lastDeleteAt;

    public OutboxRelay(DataSource dataSource, Map<String, Object> kafkaProducerProperties, String topic,
                       OutboxProperties properties, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.producerProperties = new HashMap<>(kafkaProducerProperties);
        this.producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producerProperties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        this.producerProperties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producerProperties.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        this.producerProperties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "auction-service-outbox");
        this.producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.topic = topic;
        this.auctionTopic = new AuctionTopic(this.producerProperties, topic, properties.topicPartitions());
        this.properties = properties;
        this.handedOver = new LinkedBlockingQueue<>(properties.memoryCapacity());
        this.publishErrors = Counter.builder("oktioneer.kafka.publish.errors").tag("topic", topic)
                .description("Outbox records Kafka did not acknowledge").register(registry);
    }

    /**
     * Called by the ledger writer after a commit with the outbox rows it committed. Kept only on the relay
     * instance (elsewhere they wait in the table for the relay's next scan); never blocks the writer.
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

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon(true).start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread relay = thread;
        if (relay != null) {
            try {
                relay.join(10_000); // an idle wait ends within table-poll; an in-flight batch finishes
                if (relay.isAlive()) {
                    // Waiting on a batch Kafka does not acknowledge (an outage): stop waiting; the rows stay in
                    // the outbox for the next relay.
                    relay.interrupt();
                    relay.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }

    private void loop() {
        try {
            while (running) {
                try {
                    if (!leader()) {
                        leading = false;
                        handedOver.clear();
                        Thread.sleep(properties.leaderRetry().toMillis());
                        continue;
                    }
                    leading = true;
                    if (scanNeeded || overflowed
                            || System.nanoTime() - lastScanAt >= properties.tablePoll().toNanos()) {
                        scan();
                    } else {
                        relayHandedOver();
                    }
                } catch (SQLException | RuntimeException e) {
                    log.warn("outbox relay: {}", e.toString());
                    scanNeeded = true;
                    dropLeadership();
                    Thread.sleep(properties.failureBackoff().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leading = false;
            try {
                if (leaderConnection != null) {
                    deleteAcknowledged();
                }
            } catch (SQLException e) {
                log.debug("outbox relay: acknowledged rows not deleted at stop (they will be sent again)", e);
            }
            dropLeadership();
            if (producer != null) {
                producer.close(PRODUCER_CLOSE_TIMEOUT);
            }
        }
    }

    /** Reads the table in id order until it is drained; the memory queue's rows are in it, so they are dropped. */
    private void scan() throws SQLException, InterruptedException {
        deleteAcknowledged();
        overflowed = false;
        handedOver.clear();
        scanned.clear();
        while (running) {
            List<OutboxRecord> rows = fetch();
            lastScanAt = System.nanoTime();
            rows.forEach(r -> scanned.add(r.id()));
            if (!rows.isEmpty() && !send(rows)) {
                return;
            }
            deleteAcknowledged();
            if (rows.size() < properties.batchSize()) {
                scanNeeded = false;
                return;
            }
        }
    }

    /** Sends what the ledger writer handed over, waiting at most until the next scan or the next bulk delete. */
    private void relayHandedOver() throws SQLException, InterruptedException {
        long now = System.nanoTime();
        long wait = lastScanAt + properties.tablePoll().toNanos() - now;
        if (!acknowledged.isEmpty()) {
            wait = Math.min(wait, lastDeleteAt + properties.deleteInterval().toNanos() - now);
        }
        OutboxRecord first = handedOver.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
        if (first != null) {
            List<OutboxRecord> batch = new ArrayList<>();
            batch.add(first);
            handedOver.drainTo(batch, properties.batchSize() - 1);
            batch.removeIf(r -> scanned.contains(r.id()));
            if (!batch.isEmpty() && !send(batch)) {
                return;
            }
        }
        if (acknowledged.size() >= properties.deleteBatch()
                || (!acknowledged.isEmpty() && System.nanoTime() - lastDeleteAt >= properties.deleteInterval().toNanos())) {
            deleteAcknowledged();
        }
    }

    /** Sends the rows; false (and a scan after the back-off) when Kafka did not acknowledge all of them. */
    private boolean send(List<OutboxRecord> rows) throws InterruptedException {
        List<Long> published = publish(rows);
        acknowledged.addAll(published);
        if (published.size() < rows.size()) {
            scanNeeded = true;
            Thread.sleep(properties.failureBackoff().toMillis());
            return false;
        }
        return true;
    }

    private boolean leader() throws SQLException {
        long now = System.nanoTime();
        if (leaderConnection != null) {
            if (now - leaderCheckedAt < properties.leaderRetry().toNanos()) {
                return true;
            }
            leaderCheckedAt = now;
            if (leaderConnection.isValid(2)) {
                return true;
            }
            dropLeadership();
        }
        Connection candidate = dataSource.getConnection();
        boolean locked;
        try (PreparedStatement lock = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, properties.leaderLockKey());
            try (ResultSet rs = lock.executeQuery()) {
                locked = rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            candidate.close();
            throw e;
        }
        if (!locked) {
            candidate.close();
            return false;
        }
        log.info("this instance now relays the outbox to {}", topic);
        leaderConnection = candidate;
        leaderCheckedAt = now;
        scanNeeded = true;
        return true;
    }

    private void dropLeadership() {
        leading = false;
        Connection connection = leaderConnection;
        leaderConnection = null;
        if (connection == null) {
            return;
        }
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, properties.leaderLockKey());
            unlock.execute();
        } catch (SQLException e) {
            log.debug("advisory unlock failed (the session is gone, so is the lock)", e);
        }
    }

    private List<OutboxRecord> fetch() throws SQLException {
        try (PreparedStatement select = leaderConnection.prepareStatement(
                "SELECT id, message_key, payload, traceparent FROM outbox ORDER BY id LIMIT ?")) {
            select.setInt(1, properties.batchSize());
            List<OutboxRecord> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        }
    }

    /** Sends the rows and waits for every acknowledgement; returns the ids Kafka acknowledged. */
    private List<Long> publish(List<OutboxRecord> rows) throws InterruptedException {
        auctionTopic.ensureWritable();
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties);
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        try {
            for (OutboxRecord row : rows) {
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, row.key(), row.payload());
                if (row.traceparent() != null) {
                    record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.US_ASCII));
                }
                sent.add(producer.send(record));
            }
        } catch (RuntimeException e) {
            log.warn("outbox relay: send failed: {}", e.toString());
        }
        List<Long> published = new ArrayList<>(sent.size());
        boolean failed = sent.size() < rows.size();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
                published.add(rows.get(i).id());
            } catch (ExecutionException e) {
                failed = true;
                log.warn("outbox relay: Kafka did not acknowledge event {}: {}", rows.get(i).id(), e.getCause().toString());
            }
        }
        if (failed) {
            publishErrors.increment(rows.size() - published.size());
            producer.close(PRODUCER_CLOSE_TIMEOUT);
            producer = null;
        }
        return published;
    }

    /** One DELETE for every row Kafka acknowledged since the last one. */
    private void deleteAcknowledged() throws SQLException {
        lastDeleteAt = System.nanoTime();
        if (acknowledged.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = leaderConnection.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
            delete.setArray(1, leaderConnection.createArrayOf("int8", acknowledged.toArray(Long[]::new)));
            delete.executeUpdate();
        }
        acknowledged.clear();
    }
}
