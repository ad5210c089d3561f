package io.oktioneer.preference.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The trace of the request that writes an event, stored with the outbox row: the envelope's {@code traceId}
 * and the W3C {@code traceparent} header the relay puts on the Kafka record, so the consumer continues the
 * request's trace rather than the relay's.
 */
@Component
class TraceContext {

    private final ObjectProvider<Tracer> tracer;

    TraceContext(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    record Current(String traceId, String traceparent) {
        static final Current NONE = new Current(null, null);
    }

    Current current() {
        Tracer t = tracer.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        if (span == null) {
            return Current.NONE;
        }
        var context = span.context();
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return new Current(context.traceId(),
                "00-" + context.traceId() + "-" + context.spanId() + "-" + (sampled ? "01" : "00"));
    }
}
