package io.oktioneer.preference.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order with the idempotent, {@code acks=all} producer, and deletes a row
 * only once Kafka acknowledged it and every row before it in its batch. A crash between the acknowledgement and
 * the delete republishes rows (at-least-once; records are idempotent states keyed by preferenceId). Kafka down:
 * rows wait, the relay backs off, writes go on. Several instances: the one holding the relay's advisory lock
 * publishes, the others wait for their turn, so each key's records stay in commit order.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository outbox;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final PreferenceTopic topic;
    private final OutboxSignal signal;
    private final OutboxProperties properties;
    private final Counter publishErrors;
    private final AtomicLong backlogRows = new AtomicLong();
    private final AtomicReference<Double> oldestAge = new AtomicReference<>(0.0);
    private volatile Thread worker;
    private volatile boolean running;

    OutboxRelay(OutboxRepository outbox, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
                PreferenceTopic topic, OutboxSignal signal, OutboxProperties properties, MeterRegistry meters) {
        this.outbox = outbox;
        this.transactions = transactions;
        this.kafka = kafka;
        this.topic = topic;
        this.signal = signal;
        this.properties = properties;
        this.publishErrors = Counter.builder("oktioneer.kafka.publish.errors").tag("topic", topic.name())
                .description("Outbox records Kafka did not acknowledge").register(meters);
        Gauge.builder("oktioneer.outbox.backlog", backlogRows, AtomicLong::get)
                .description("Outbox rows not yet published").register(meters);
        Gauge.builder("oktioneer.outbox.oldest.age", oldestAge, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest unpublished outbox row").register(meters);
    }

    @Override
    public void start() {
        if (!properties.relayEnabled()) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    @Override
    public void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        int failures = 0;
        while (running) {
            Batch batch = Batch.EMPTY;
            try {
                topic.ensureCompacted();
                batch = transactions.execute(status -> relayOnce());
                failures = batch.failed() ? failures + 1 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | ExecutionException e) {
                failures++;
                log.warn("outbox relay failed ({} in a row): {}", failures, e.toString());
            }
            refreshBacklog();
            try {
                if (failures > 0) {
                    Thread.sleep(backoff(failures));
                } else if (!batch.full()) {
                    signal.await(properties.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One transaction: take the lock, publish the oldest rows, delete the acknowledged prefix. */
    private Batch relayOnce() {
        if (!outbox.tryRelayLock()) {
            return Batch.EMPTY;
        }
        List<OutboxRepository.Row> rows = outbox.oldest(properties.batchSize());
        if (rows.isEmpty()) {
            return Batch.EMPTY;
        }
        List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
        for (OutboxRepository.Row row : rows) {
            CompletableFuture<SendResult<String, String>> send;
            try {
                send = kafka.send(record(row));
            } catch (RuntimeException e) {
                send = CompletableFuture.failedFuture(e);
            }
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                // Not even queued (no broker metadata within max.block.ms): the next ones would wait as long.
                break;
            }
        }
        List<Long> acknowledged = new ArrayList<>();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        boolean failed = false;
        for (int i = 0; i < sends.size() && !failed; i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(rows.get(i).id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = true;
            } catch (Exception e) {
                failed = true;
                publishErrors.increment(sends.size() - i);
                log.warn("Kafka did not acknowledge outbox row {} (key {}): {}", rows.get(i).id(), rows.get(i).key(),
                        e.toString());
            }
        }
        if (!acknowledged.isEmpty()) {
            outbox.delete(acknowledged);
        }
        return new Batch(!failed && rows.size() == properties.batchSize(), failed);
    }

    private ProducerRecord<String, String> record(OutboxRepository.Row row) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic.name(), row.key(), row.payload());
        if (row.traceparent() != null) {
            record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private void refreshBacklog() {
        try {
            OutboxRepository.Backlog backlog = outbox.backlog();
            backlogRows.set(backlog.rows());
            oldestAge.set(backlog.oldestAgeSeconds());
        } catch (RuntimeException e) {
            log.debug("cannot read the outbox backlog: {}", e.toString());
        }
    }

    private long backoff(int failures) {
        long millis = 200L << Math.min(failures - 1, 10);
        return Math.min(millis, properties.maxBackoff().toMillis());
    }

    private record Batch(boolean full, boolean failed) {
        static final Batch EMPTY = new Batch(false, false);
    }
}
