package io.oktioneer.auction.outbox;

/**
 * The W3C trace context of the request that made an event, stored with its outbox row: the envelope's
 * {@code traceId} and the {@code traceparent} header the relay puts on the Kafka record, so the consumer
 * continues the request's trace rather than the relay's. {@link #NONE} when there is no current span.
 */
public record Trace(String traceparent, String traceId) {

    public static final Trace NONE = new Trace(null, null);
}
