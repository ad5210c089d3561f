package io.oktioneer.auction.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.oktioneer.contracts.InternalHeaders;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decision-engine instance ({@code oktioneer.engine.urls}): its connection pool, its circuit breaker and
 * the fixed part of every request's head (its {@code Host}, the internal token).
 */
final class EngineInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineInstance.class);

    final URI url;
    final EngineConnections connections;
    final CircuitBreaker breaker;
    /** Request line and the headers every call carries, up to the trace context. */
    final byte[] fixedHead;

    EngineInstance(URI url, EngineConnections connections, CircuitBreaker breaker, String internalToken) {
        this.url = url;
        this.connections = connections;
        this.breaker = breaker;
        this.fixedHead = ("POST " + EngineClient.PATH + " HTTP/1.1\r\nHost: " + connections.hostHeader()
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + InternalHeaders.INTERNAL_TOKEN + ": " + internalToken + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    boolean open() {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /**
     * It could not be reached: open its breaker at once (rather than after a failure rate over many calls), so
     * calls skip it until its trial calls succeed. Only when there are other instances to go to: with one URL
     * (a Kubernetes Service, whose next connection may reach another pod) one refused connect must not stop
     * every call for {@code circuit.open-for}.
     */
    void eject(Throwable cause) {
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
            return;
        }
        breaker.transitionToOpenState();
        if (state == CircuitBreaker.State.CLOSED) {
            log.warn("decision-engine {} unreachable ({}): skipped until a trial call answers", url, cause.toString());
        }
    }

    void failed(long nanos, Throwable cause) {
        breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
    }

    @Override
    public void close() {
        connections.close();
    }
}
