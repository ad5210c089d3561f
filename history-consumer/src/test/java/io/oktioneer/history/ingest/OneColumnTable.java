package io.oktioneer.history.ingest;

import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.TsvWriter;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A stand-in table {@code t} with one column {@code v}, whose rows the test writes itself. */
final class OneColumnTable implements EventTable {

    /** Writes the row of one record (see {@link EventTable#append}). */
    @FunctionalInterface
    interface Row {
        boolean append(ConsumerRecord<byte[], byte[]> record, TsvWriter out);
    }

    private final Row row;

    OneColumnTable(Row row) {
        this.row = row;
    }

    @Override
    public String name() {
        return "t";
    }

    @Override
    public List<String> columns() {
        return List.of("v");
    }

    @Override
    public boolean append(ConsumerRecord<byte[], byte[]> record, TsvWriter out) {
        return row.append(record, out);
    }
}
