package io.oktioneer.history.ingest;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** {@link RecordTracing} with Micrometer Tracing (the OpenTelemetry bridge in this service). */
public final class MicrometerRecordTracing implements RecordTracing {

    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Propagator propagator;

    public MicrometerRecordTracing(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public Object start(ConsumerRecord<byte[], byte[]> record, String table) {
        if (record.headers().lastHeader("traceparent") == null) {
            return null;
        }
        return propagator.extract(record.headers(), HEADERS)
                .kind(Span.Kind.CONSUMER)
                .name(record.topic() + " store")
                .remoteServiceName("kafka")
                .tag("messaging.system", "kafka")
                .tag("messaging.destination.name", record.topic())
                .tag("messaging.kafka.partition", Integer.toString(record.partition()))
                .tag("messaging.kafka.offset", Long.toString(record.offset()))
                .tag("db.system", "clickhouse")
                .tag("db.table", table)
                .start();
    }

    @Override
    public void end(Object span, Throwable error) {
        if (span instanceof Span s) {
            if (error != null) {
                s.error(error);
            }
            s.end();
        }
    }
}
