package io.oktioneer.history.ingest;

import io.oktioneer.history.events.TsvWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records consumed since the last batch: their rows as one TabSeparated body, the records that could not
 * be decoded (for the DLT), and per partition the first offset read and the offset to commit once all of it is
 * stored.
 */
public final class Batch {

    /** A record that goes to the dead-letter topic, why, and the exception class that said so. */
    public record Poison(ConsumerRecord<byte[], byte[]> record, String reason, String exceptionClass) {
    }

    private final TsvWriter rows;
    private final List<ConsumerRecord<byte[], byte[]>> rowSources = new ArrayList<>();
    private final List<Poison> poison = new ArrayList<>();
    private final List<Object> traces = new ArrayList<>();
    private final Map<TopicPartition, Long> firstOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> commitOffsets = new HashMap<>();
    private long firstRecordNanos;
    private int records;

    /** A batch writing its rows into {@code rows} (emptied first). */
    public Batch(TsvWriter rows) {
        rows.reset();
        this.rows = rows;
    }

    void seen(ConsumerRecord<byte[], byte[]> record, long nowNanos) {
        if (records++ == 0) {
            firstRecordNanos = nowNanos;
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        firstOffsets.putIfAbsent(partition, record.offset());
        commitOffsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
    }

    void rowAdded(ConsumerRecord<byte[], byte[]> record) {
        rowSources.add(record);
    }

    void poison(ConsumerRecord<byte[], byte[]> record, RuntimeException reason) {
        poison.add(new Poison(record, reason.getMessage(), reason.getClass().getName()));
    }

    void traced(Object span) {
        traces.add(span);
    }

    boolean isReady(IngestSettings settings, long nowNanos) {
        return records > 0 && (rows.rows() >= settings.batchMaxRows() || rows.size() >= settings.batchMaxBytes()
                || nowNanos - firstRecordNanos >= settings.batchLinger().toNanos());
    }

    long nanosUntilLingerEnds(IngestSettings settings, long nowNanos) {
        return records == 0 ? Long.MAX_VALUE : settings.batchLinger().toNanos() - (nowNanos - firstRecordNanos);
    }

    public TsvWriter rows() {
        return rows;
    }

    public int rowCount() {
        return rows.rows();
    }

    /** The record row {@code index} was decoded from. */
    public ConsumerRecord<byte[], byte[]> rowSource(int index) {
        return rowSources.get(index);
    }

    public List<Poison> poison() {
        return poison;
    }

    public int records() {
        return records;
    }

    List<Object> traces() {
        return traces;
    }

    Map<TopicPartition, Long> firstOffsets() {
        return firstOffsets;
    }

    Map<TopicPartition, OffsetAndMetadata> commitOffsets() {
        return commitOffsets;
    }
}
