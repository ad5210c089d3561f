package io.oktioneer.history.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Continues the producer's trace for each record that carries one (W3C {@code traceparent} header): a consumer
 * span from decoding until the row is stored. Records without a trace context cost nothing.
 */
public interface RecordTracing {

    RecordTracing NONE = new RecordTracing() {
        @Override
        public Object start(ConsumerRecord<byte[], byte[]> record, String table) {
            return null;
        }

        @Override
        public void end(Object span, Throwable error) {
        }
    };

    /** A span handle, or null when the record is not traced. */
    Object start(ConsumerRecord<byte[], byte[]> record, String table);

    void end(Object span, Throwable error);
}
