package io.oktioneer.history.ingest;

import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.TsvWriter;
import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one topic into one table: a Kafka consumer loop that decodes records into a batch while the previous
 * batch is being written (one batch in flight at a time, on a writer thread), and commits a batch's offsets only
 * once the sink has stored all of it. At-least-once: a crash between the insert and the commit delivers the
 * records again, and the table's dedup on the event id makes that harmless.
 *
 * <p>Large polls are decoded in parallel slices ({@code decodeThreads}), then appended to the batch in order.
 *
 * <p>While the writer is stuck (ClickHouse down), the consumer pauses its partitions and keeps polling, so it
 * stays in its group and the lag grows; nothing is skipped. A rebalance waits a little for the batch in flight,
 * gives it up otherwise, and drops the batch being built: those records are simply consumed again.
 */
public final class TopicIngestor {

    private static final Logger log = LoggerFactory.getLogger(TopicIngestor.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    /** Polls smaller than this are decoded on the consumer thread: slicing would cost more than it saves. */
    private static final int PARALLEL_DECODE_MIN = 512;

    private final String topic;
    private final EventTable table;
    private final Map<String, Object> consumerConfig;
    private final BatchSink sink;
    private final IngestSettings settings;
    private final RecordTracing tracing;
    private final AtomicLong storedRecords = new AtomicLong();

    private volatile boolean running;
    private volatile boolean halted;
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread thread;
    private ExecutorService writer;
    private ExecutorService decoders;
    private TsvWriter[] sliceWriters;

    // State of the consumer thread only.
    private Batch open;
    private InFlight inFlight;
    private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
    private boolean pausedForWriter;
    /** The buffer of the last stored batch, reused by the next one (batches are megabytes: no churn). */
    private TsvWriter spare;

    private record InFlight(Batch batch, Cancellation cancellation, Future<?> done) {
    }

    public TopicIngestor(String topic, EventTable table, Map<String, Object> consumerConfig, BatchSink sink,
                         IngestSettings settings, RecordTracing tracing) {
        this.topic = topic;
        this.table = table;
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.sink = sink;
        this.settings = settings;
        this.tracing = tracing;
    }

    public String topic() {
        return topic;
    }

    /** Records (rows, tombstones and dead letters) whose batch has been stored. */
    public long storedRecords() {
        return storedRecords.get();
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("history-writer-" + table.name())
                .daemon(true).factory());
        if (settings.decodeThreads() > 1) {
            decoders = Executors.newFixedThreadPool(settings.decodeThreads(),
                    Thread.ofPlatform().name("history-decode-" + table.name() + "-", 0).daemon(true).factory());
            sliceWriters = new TsvWriter[settings.decodeThreads()];
            for (int i = 0; i < sliceWriters.length; i++) {
                sliceWriters[i] = new TsvWriter(1 << 20);
            }
        }
        thread = Thread.ofPlatform().name("history-ingest-" + table.name()).start(this::supervise);
    }

    /** Stops after storing and committing what was consumed (within the shutdown timeout). */
    public void stop() {
        running = false;
        wakeUp();
        join(settings.shutdownTimeout().plusSeconds(10));
    }

    /**
     * Stops at once, like a crash: nothing pending is stored or committed, the batch in flight is abandoned.
     * Returns without waiting (it may be called from the writer thread); see {@link #awaitTermination}.
     */
    public void halt() {
        halted = true;
        running = false;
        wakeUp();
    }

    public boolean awaitTermination(Duration timeout) {
        return join(timeout);
    }

    private void wakeUp() {
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private boolean join(Duration timeout) {
        Thread current = thread;
        if (current == null || current == Thread.currentThread()) {
            return true;
        }
        try {
            current.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !current.isAlive();
    }

    private void supervise() {
        Backoff backoff = new Backoff(settings.retryInitialBackoff(), settings.retryMaxBackoff());
        try {
            while (running) {
                try {
                    consume();
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    Duration pause = backoff.next();
                    log.error("Consumer of {} failed; starting a new one in {} ms", topic, pause.toMillis(), e);
                    sleep(pause);
                }
            }
        } finally {
            writer.shutdownNow();
            if (decoders != null) {
                decoders.shutdownNow();
            }
        }
    }

    private void consume() {
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerConfig)) {
            consumer = kafka;
            open = newBatch();
            inFlight = null;
            toCommit.clear();
            kafka.subscribe(List.of(topic), new Rebalance());
            while (running) {
                add(poll(nextPollTimeout()));
                settleInFlight();
                if (open.isReady(settings, System.nanoTime())) {
                    awaitInFlight();
                    if (inFlight == null && running) {
                        submit(open);
                        open = newBatch();
                    }
                }
                commit();
            }
            if (!halted) {
                drain();
            }
        } finally {
            consumer = null;
            if (inFlight != null) {
                giveUp(inFlight, new HashMap<>(), "consumer closed");
                inFlight = null;
            }
            if (open != null) {
                endTraces(open, new BatchCancelledException());
                open = null;
            }
        }
    }

    private ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        try {
            return consumer.poll(timeout);
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
            return ConsumerRecords.empty();
        }
    }

    private Duration nextPollTimeout() {
        long untilLinger = open.nanosUntilLingerEnds(settings, System.nanoTime());
        long nanos = Math.min(settings.pollTimeout().toNanos(), Math.max(untilLinger, 1_000_000));
        return Duration.ofNanos(nanos);
    }

    private void add(ConsumerRecords<byte[], byte[]> records) {
        int count = records.count();
        if (count == 0) {
            return;
        }
        long now = System.nanoTime();
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(count);
        records.forEach(list::add);
        if (decoders == null || count < PARALLEL_DECODE_MIN) {
            Slice slice = decode(list, open.rows());
            take(slice, now);
            return;
        }
        int slices = sliceWriters.length;
        List<Future<Slice>> decoded = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            List<ConsumerRecord<byte[], byte[]>> part = list.subList(count * i / slices, count * (i + 1) / slices);
            TsvWriter writer = sliceWriters[i];
            decoded.add(decoders.submit(() -> {
                writer.reset();
                return decode(part, writer);
            }));
        }
        for (Future<Slice> future : decoded) {
            Slice slice;
            try {
                slice = future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("decoding failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            open.rows().appendRows(slice.rows());
            take(slice, now);
        }
    }

    /** What became of each record of a slice of a poll: its row (in {@code rows}), or why it is poison. */
    private record Slice(List<ConsumerRecord<byte[], byte[]>> records, TsvWriter rows, boolean[] isRow,
                         RuntimeException[] poison, Object[] spans) {
    }

    /** Decodes records into {@code rows}; safe to run on several threads for different slices. */
    private Slice decode(List<ConsumerRecord<byte[], byte[]>> records, TsvWriter rows) {
        int count = records.size();
        Slice slice = new Slice(records, rows, new boolean[count], new RuntimeException[count], new Object[count]);
        for (int i = 0; i < count; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            int sizeBefore = rows.size();
            try {
                if (table.append(record, rows)) {
                    slice.isRow()[i] = true;
                    slice.spans()[i] = tracing.start(record, table.name());
                }
            } catch (RuntimeException e) {
                // Whatever a record does to the decoder, it must not block its partition.
                rows.discardPartialRow(sizeBefore);
                slice.poison()[i] = e;
            }
        }
        return slice;
    }

    /** Books a decoded slice into the open batch, in record order (its rows are already in the batch). */
    private void take(Slice slice, long nowNanos) {
        for (int i = 0; i < slice.records().size(); i++) {
            ConsumerRecord<byte[], byte[]> record = slice.records().get(i);
            open.seen(record, nowNanos);
            if (slice.poison()[i] != null) {
                open.poison(record, slice.poison()[i]);
            } else if (slice.isRow()[i]) {
                open.rowAdded(record);
                if (slice.spans()[i] != null) {
                    open.traced(slice.spans()[i]);
                }
            }
        }
    }

    private Batch newBatch() {
        TsvWriter rows = spare != null ? spare : new TsvWriter(settings.batchMaxBytes() + (1 << 20));
        spare = null;
        return new Batch(rows);
    }

    private void submit(Batch batch) {
        Cancellation cancellation = new Cancellation();
        Future<?> done = writer.submit(() -> sink.write(batch, cancellation));
        inFlight = new InFlight(batch, cancellation, done);
    }

    /** Takes the result of the batch in flight if it is done: its offsets become committable. */
    private void settleInFlight() {
        if (inFlight == null || !inFlight.done().isDone()) {
            return;
        }
        InFlight finished = inFlight;
        inFlight = null;
        try {
            finished.done().get();
        } catch (ExecutionException e) {
            endTraces(finished.batch(), e.getCause());
            throw new IllegalStateException("writing a batch of " + topic + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        toCommit.putAll(finished.batch().commitOffsets());
        storedRecords.addAndGet(finished.batch().records());
        endTraces(finished.batch(), null);
        spare = finished.batch().rows();
    }

    /**
     * Waits for the batch in flight, with every partition paused, polling between waits of at most a poll timeout
     * so the group keeps us and a rebalance is served. It waits on the batch itself, not in {@code poll}: a paused
     * poll only returns at its timeout, which left ClickHouse idle for up to a poll timeout after every insert.
     */
    private void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        if (!inFlight.done().isDone()) {
            consumer.pause(consumer.assignment());
            pausedForWriter = true;
            try {
                while (running && inFlight != null && !inFlightDoneWithin(settings.pollTimeout())) {
                    add(poll(Duration.ZERO));
                }
            } finally {
                pausedForWriter = false;
                consumer.resume(consumer.paused());
            }
        }
        settleInFlight();
    }

    /** True once the batch in flight is done (stored or failed: {@link #settleInFlight} tells which). */
    private boolean inFlightDoneWithin(Duration timeout) {
        try {
            inFlight.done().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void commit() {
        if (toCommit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(toCommit, COMMIT_TIMEOUT);
            toCommit.clear();
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RebalanceInProgressException e) {
            log.info("Commit of {} deferred: the group is rebalancing", topic);
        } catch (CommitFailedException e) {
            log.warn("Commit of {} refused (partitions moved); those records will be delivered again", topic);
            toCommit.clear();
        } catch (RetriableException e) {
            log.warn("Commit of {} failed, retried with the next batch: {}", topic, e.toString());
        }
    }

    /** At shutdown: finish the batch in flight and the open one, within the shutdown timeout, and commit. */
    private void drain() {
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        awaitUntil(deadline);
        if (inFlight == null && open.records() > 0) {
            submit(open);
            open = newBatch();
            awaitUntil(deadline);
        }
        if (inFlight != null) {
            log.warn("Shutting down with a batch of {} not stored; it will be consumed again", topic);
            giveUp(inFlight, new HashMap<>(), "shutdown");
            inFlight = null;
        }
        commit();
        if (!toCommit.isEmpty()) {
            commit();
        }
    }

    private void awaitUntil(long deadlineNanos) {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.done().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // settleInFlight below reports a failure; a timeout leaves the batch in flight.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        settleInFlight();
    }

    /** Abandons a batch in flight: its writer stops retrying and its partitions will be read again. */
    private void giveUp(InFlight abandoned, Map<TopicPartition, Long> rewind, String why) {
        abandoned.cancellation().cancel();
        abandoned.batch().firstOffsets().forEach((partition, offset) -> rewind.merge(partition, offset, Math::min));
        endTraces(abandoned.batch(), new BatchCancelledException());
        log.info("Gave up a batch of {} records of {} ({}); they will be consumed again",
                abandoned.batch().records(), topic, why);
    }

    private void endTraces(Batch batch, Throwable error) {
        for (Object span : batch.traces()) {
            tracing.end(span, error);
        }
        batch.traces().clear();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            if (revoked.isEmpty()) {
                return;
            }
            if (halted) {
                // Closing after halt(), like a crash: nothing is waited for and nothing is committed.
                onPartitionsLost(revoked);
                return;
            }
            Map<TopicPartition, Long> rewind = new HashMap<>();
            if (inFlight != null) {
                try {
                    inFlight.done().get(settings.revokeTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // Handled below.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (inFlight.done().isDone()) {
                    settleInFlight();
                } else {
                    giveUp(inFlight, rewind, "rebalance");
                    inFlight = null;
                }
            }
            dropOpenBatch(rewind);
            commit();
            toCommit.keySet().removeAll(revoked);
            seekBack(rewind, revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            Map<TopicPartition, Long> rewind = new HashMap<>();
            if (inFlight != null) {
                giveUp(inFlight, rewind, "partitions lost");
                inFlight = null;
            }
            dropOpenBatch(rewind);
            toCommit.keySet().removeAll(lost);
            seekBack(rewind, lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (pausedForWriter && !assigned.isEmpty()) {
                consumer.pause(assigned);
            }
        }

        private void dropOpenBatch(Map<TopicPartition, Long> rewind) {
            open.firstOffsets().forEach((partition, offset) -> rewind.merge(partition, offset, Math::min));
            endTraces(open, new BatchCancelledException());
            spare = open.rows();
            open = newBatch();
        }

        /** Partitions we keep must be read again from the first record of the batches we dropped. */
        private void seekBack(Map<TopicPartition, Long> rewind, Collection<TopicPartition> gone) {
            rewind.forEach((partition, offset) -> {
                if (!gone.contains(partition) && consumer.assignment().contains(partition)) {
                    consumer.seek(partition, offset);
                }
            });
        }
    }
}
