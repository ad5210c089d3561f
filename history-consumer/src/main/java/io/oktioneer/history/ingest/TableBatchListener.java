package io.oktioneer.history.ingest;

import io.oktioneer.history.clickhouse.ClickHouseException;
import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.PoisonRecordException;
import io.oktioneer.history.events.TsvWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;

/**
 * The batch listener of one topic: decodes each poll's records into one TabSeparated body and stores it with one
 * INSERT; the container commits the batch's offsets only after this returns (at-least-once; the table's dedup
 * on the event id makes redelivery harmless).
 *
 * <p>Whatever goes wrong, it throws a {@link BatchListenerFailedException} naming the first record not stored,
 * having stored every row before it, so the error handler ({@link IngestContainers#errorHandler}) commits those
 * and deals with that record: a record that cannot be decoded, or whose row ClickHouse rejected, carries a
 * {@link PoisonRecordException} and goes to the DLT at once, and consumption goes on from the next record;
 * ClickHouse being unavailable is retried with backoff, from that record, for as long as it takes.
 *
 * <p>One instance serves every consumer thread of its container: each thread has its own row buffer.
 */
public final class TableBatchListener implements BatchMessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(TableBatchListener.class);

    private final EventTable table;
    private final BatchSink sink;
    private final RecordTracing tracing;
    private final ThreadLocal<TsvWriter> buffers = ThreadLocal.withInitial(() -> new TsvWriter(1 << 20));
    private final LongAdder storedRecords = new LongAdder();

    public TableBatchListener(EventTable table, BatchSink sink, RecordTracing tracing) {
        this.table = table;
        this.sink = sink;
        this.tracing = tracing;
    }

    public EventTable table() {
        return table;
    }

    /** Records (rows and tombstones) whose batch has been stored; dead-lettered records are not counted. */
    public long storedRecords() {
        return storedRecords.sum();
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            write(records);
        } catch (BatchListenerFailedException e) {
            throw e;
        } catch (RuntimeException unexpected) {
            log.error("Writing a batch of {} failed; retrying it", table.name(), unexpected);
            // Never the error handler's whole-batch fallback: that would dead-letter the batch once retries ended.
            throw new BatchListenerFailedException("Writing a batch of " + table.name() + " failed: " + unexpected,
                    unexpected, records.getFirst());
        }
    }

    private void write(List<ConsumerRecord<byte[], byte[]>> records) {
        TsvWriter rows = buffers.get();
        rows.reset();
        int[] rowRecord = new int[records.size()];
        List<Object> spans = new ArrayList<>();
        int poisonAt = records.size();
        PoisonRecordException poison = null;
        for (int i = 0; i < records.size() && poison == null; i++) {
            ConsumerRecord<byte[], byte[]> record = records.get(i);
            int sizeBefore = rows.size();
            try {
                if (table.append(record, rows)) {
                    rowRecord[rows.rows() - 1] = i;
                    Object span = tracing.start(record, table.name());
                    if (span != null) {
                        spans.add(span);
                    }
                }
            } catch (RuntimeException e) {
                // Whatever a record does to the decoder, it must not block its partition.
                rows.discardPartialRow(sizeBefore);
                poisonAt = i;
                poison = e instanceof PoisonRecordException p ? p : new PoisonRecordException("cannot decode", e);
            }
        }
        BatchSink.Stored stored = sink.write(rows);
        ClickHouseException error = stored.error();
        spans.forEach(span -> tracing.end(span, error));
        if (error == null) {
            storedRecords.add(poisonAt);
            if (poison != null) {
                throw new BatchListenerFailedException(poison.getMessage(), poison, records.get(poisonAt));
            }
            return;
        }
        int firstNotStored = rowRecord[stored.rows()];
        storedRecords.add(firstNotStored);
        ConsumerRecord<byte[], byte[]> failed = records.get(firstNotStored);
        if (error.isDataError()) {
            PoisonRecordException rejected = new PoisonRecordException("ClickHouse rejected the row", error);
            throw new BatchListenerFailedException(rejected.getMessage(), rejected, failed);
        }
        throw new BatchListenerFailedException("ClickHouse unavailable: " + error.getMessage(), error, failed);
    }
}
