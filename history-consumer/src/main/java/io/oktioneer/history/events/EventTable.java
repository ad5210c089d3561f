package io.oktioneer.history.events;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A ClickHouse table fed from one topic: one row per event, written as TabSeparated text. */
public interface EventTable {

    /** The table's name inside the history database. */
    String name();

    /** The columns each row carries, in order (the table's other columns take their defaults). */
    List<String> columns();

    /**
     * Appends the row of one Kafka record to {@code out}. Returns false, writing nothing, for a record that
     * carries no event (a tombstone). Throws {@link PoisonRecordException}, writing nothing, when the record
     * cannot be decoded.
     */
    boolean append(ConsumerRecord<byte[], byte[]> record, TsvWriter out);
}
