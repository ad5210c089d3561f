package io.oktioneer.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.oktioneer.history.clickhouse.ClickHouseException;
import io.oktioneer.history.events.EventTable;
import io.oktioneer.history.events.PoisonRecordException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * What the listener hands the error handler: always the first record not stored, with every row before it
 * stored; a poison record or a row ClickHouse rejected as a {@link PoisonRecordException}, ClickHouse being down as
 * itself. Values: "bad" cannot be decoded, null is a tombstone.
 */
class TableBatchListenerTest {

    private static final EventTable TABLE = new OneColumnTable((record, out) -> {
        if (record.value() == null) {
            return false;
        }
        String value = new String(record.value(), StandardCharsets.UTF_8);
        out.string(value);
        if (value.equals("bad")) {
            throw new PoisonRecordException("not JSON");
        }
        out.endRow();
        return true;
    });

    private final List<List<String>> inserts = new ArrayList<>();
    private BatchSink.Stored answer;

    private final BatchSink sink = rows -> {
        String body = new String(rows.buffer(), 0, rows.size(), StandardCharsets.UTF_8);
        inserts.add(body.isEmpty() ? List.of() : List.of(body.split("\n")));
        return answer != null ? answer : new BatchSink.Stored(rows.rows(), null);
    };

    private final TableBatchListener listener = new TableBatchListener(TABLE, sink, RecordTracing.NONE);

    private static List<ConsumerRecord<byte[], byte[]>> records(String... values) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>("topic", 0, i, null,
                    values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    @Test
    void storesABatchWithOneInsertSkippingTombstones() {
        listener.onMessage(records("a", null, "b"));

        assertThat(inserts).containsExactly(List.of("a", "b"));
        assertThat(listener.storedRecords()).isEqualTo(3);
    }

    @Test
    void aPoisonRecordFailsTheBatchAtItAfterTheRowsBeforeItAreStored() {
        List<ConsumerRecord<byte[], byte[]>> records = records("a", null, "bad", "b");

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onMessage(records));

        assertThat(failed.getRecord()).isSameAs(records.get(2));
        assertThat(failed.getCause()).isInstanceOf(PoisonRecordException.class).hasMessage("not JSON");
        assertThat(inserts).containsExactly(List.of("a"));
        assertThat(listener.storedRecords()).isEqualTo(2);
    }

    @Test
    void aRowClickHouseRejectsFailsTheBatchAtItsRecordAsPoison() {
        answer = new BatchSink.Stored(1, new ClickHouseException("Code: 27, Cannot parse input", 27, null));
        List<ConsumerRecord<byte[], byte[]>> records = records("a", null, "b", "c");

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onMessage(records));

        assertThat(failed.getRecord()).isSameAs(records.get(2));
        assertThat(failed.getCause()).isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("ClickHouse rejected the row").hasMessageContaining("Cannot parse input");
    }

    @Test
    void clickHouseDownFailsTheBatchAtItsFirstRecordNotStoredAndIsNotPoison() {
        answer = new BatchSink.Stored(0, new ClickHouseException("ClickHouse unreachable", -1, null));
        List<ConsumerRecord<byte[], byte[]>> records = records(null, "a", "b");

        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> listener.onMessage(records));

        assertThat(failed.getRecord()).isSameAs(records.get(1));
        assertThat(failed.getCause()).isInstanceOf(ClickHouseException.class);
        assertThat(listener.storedRecords()).isEqualTo(1);
    }

    @Test
    void anUnexpectedFailureIsReportedAtTheFirstRecordNeverAsAWholeBatch() {
        BatchListenerFailedException failed = catchThrowableOfType(BatchListenerFailedException.class,
                () -> new TableBatchListener(TABLE, rows -> {
                    throw new IllegalStateException("boom");
                }, RecordTracing.NONE).onMessage(records("a", "b")));

        assertThat(failed.getCause()).isInstanceOf(IllegalStateException.class);
        assertThat(failed.getRecord().offset()).isZero();
    }
}
