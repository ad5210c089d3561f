package io.oktioneer.auction.outbox;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The current W3C trace context, to carry with an event through the outbox into Kafka headers. */
@Component
public class TraceContexts {

    private final ObjectProvider<Tracer> tracer;

    public TraceContexts(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    public Trace current() {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        if (span == null) {
            return Trace.NONE;
        }
        TraceContext context = span.context();
        String flags = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
        return new Trace("00-" + context.traceId() + "-" + context.spanId() + "-" + flags,
                context.traceId());
    }
}
