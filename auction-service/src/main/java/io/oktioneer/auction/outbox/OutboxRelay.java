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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
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
 * Publishes the outbox to Kafka in id order, then deletes what Kafka acknowledged (idempotent producer,
 * acks=all). One instance at a time is the relay (a PostgreSQL session advisory lock), so events keep their
 * order; the others stand by and take over when its session ends. While Kafka is down the relay waits on its
 * batch (the producer retries until {@code delivery.timeout.ms}), evaluations keep committing to the outbox,
 * and the backlog drains when Kafka is back; a row is sent again only after its previous send failed.
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
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;
    private Connection leaderConnection;
    private long leaderCheckedAt;
    private Producer<String, String> producer;

    private record Row(long id, String key, String payload, String traceparent) {
    }

    public OutboxRelay(DataSource dataSource, Map<String, Object> kafkaProducerProperties, String topic,
                       OutboxProperties properties, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.producerProperties = new HashMap<>(kafkaProducerProperties);
        this.producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producerProperties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        this.producerProperties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        this.producerProperties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "auction-service-outbox");
        this.producerProperties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.producerProperties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        this.topic = topic;
        this.auctionTopic = new AuctionTopic(this.producerProperties, topic, properties.topicPartitions());
        this.properties = properties;
        this.publishErrors = Counter.builder("oktioneer.kafka.publish.errors").tag("topic", topic)
                .description("Outbox records Kafka did not acknowledge").register(registry);
    }

    /** Called after a ledger commit: there is something to publish. */
    public void wakeUp() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
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
        wakeUp.release();
        Thread relay = thread;
        if (relay != null) {
            try {
                relay.join(10_000);
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
                        pause(properties.leaderRetry().toMillis());
                        continue;
                    }
                    List<Row> rows = fetch();
                    if (rows.isEmpty()) {
                        wakeUp.tryAcquire(properties.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                        continue;
                    }
                    List<Long> published = publish(rows);
                    delete(published);
                    if (published.size() < rows.size()) {
                        pause(properties.failureBackoff().toMillis());
                    }
                } catch (SQLException | RuntimeException e) {
                    log.warn("outbox relay: {}", e.toString());
                    dropLeadership();
                    pause(properties.failureBackoff().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            dropLeadership();
            if (producer != null) {
                producer.close(PRODUCER_CLOSE_TIMEOUT);
            }
        }
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
        return true;
    }

    private void dropLeadership() {
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

    private List<Row> fetch() throws SQLException {
        try (PreparedStatement select = leaderConnection.prepareStatement(
                "SELECT id, message_key, payload, traceparent FROM outbox ORDER BY id LIMIT ?")) {
            select.setInt(1, properties.batchSize());
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        }
    }

    /** Sends the rows and waits for every acknowledgement; returns the ids Kafka acknowledged. */
    private List<Long> publish(List<Row> rows) throws InterruptedException {
        auctionTopic.ensureWritable();
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties);
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        try {
            for (Row row : rows) {
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

    private void delete(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = leaderConnection.prepareStatement("DELETE FROM outbox WHERE id = ANY(?)")) {
            delete.setArray(1, leaderConnection.createArrayOf("int8", ids.toArray(Long[]::new)));
            delete.executeUpdate();
        }
    }

    private void pause(long millis) throws InterruptedException {
        if (running) {
            wakeUp.tryAcquire(millis, TimeUnit.MILLISECONDS);
        }
    }
}
