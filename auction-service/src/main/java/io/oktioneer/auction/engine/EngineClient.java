package io.oktioneer.auction.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.contracts.engine.EngineResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls the decision-engine with a hard deadline, on the calling thread over a pooled keep-alive connection
 * ({@link EngineConnections}). A call that misses it is abandoned (NO_BID TIMEOUT); a failed one is
 * ENGINE_UNAVAILABLE; both count against a circuit breaker, and while it is open no call is made, so a dead
 * engine costs nothing. The W3C trace context travels in the request headers.
 */
public class EngineClient {

    static final String PATH = "/internal/v1/decisions";

    private final EngineConnections connections;
    private final byte[] fixedHead;
    private final CircuitBreaker breaker;
    private final ObservationRegistry observations;
    private final AuctionMetrics metrics;

    EngineClient(EngineConnections connections, String internalToken, CircuitBreaker breaker,
                 ObservationRegistry observations, AuctionMetrics metrics) {
        this.connections = connections;
        this.fixedHead = ("POST " + PATH + " HTTP/1.1\r\nHost: " + connections.hostHeader()
                + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                + header(InternalHeaders.INTERNAL_TOKEN, internalToken)).getBytes(StandardCharsets.UTF_8);
        this.breaker = breaker;
        this.observations = observations;
        this.metrics = metrics;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public EngineCall decide(EngineRequest request, Duration budget) {
        if (budget.isZero() || budget.isNegative()) {
            if (breaker.getState() == CircuitBreaker.State.OPEN || breaker.getState() == CircuitBreaker.State.FORCED_OPEN) {
                metrics.engineCall("circuit_open");
                return new EngineCall.Unavailable(0, true);
            }
            metrics.engineCall("timeout");
            return new EngineCall.TimedOut(0);
        }
        if (!breaker.tryAcquirePermission()) {
            metrics.engineCall("circuit_open");
            return new EngineCall.Unavailable(0, true);
        }
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        StringBuilder headers = new StringBuilder(256);
        Observation observation = Observation.createNotStarted("oktioneer.engine.request", () -> {
            SenderContext<StringBuilder> context = new SenderContext<>(EngineClient::addHeader);
            context.setCarrier(headers);
            context.setRemoteServiceName("decision-engine");
            return context;
        }, observations).start();
        try (Observation.Scope ignored = observation.openScope()) {
            EngineResponse answer = connections.exchange(encode(request, headers), deadline, EngineClient::answer);
            long took = System.nanoTime() - start;
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            metrics.engineCall("ok");
            return new EngineCall.Answered(answer, took);
        } catch (TimeoutException e) {
            return timedOut(System.nanoTime() - start, e, observation);
        } catch (IOException | RuntimeException e) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
            }
            return failed(System.nanoTime() - start, e, observation);
        } finally {
            observation.stop();
        }
    }

    private byte[] encode(EngineRequest request, StringBuilder propagated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        EngineJson.writeRequest(request, out);
        byte[] body = out.toByteArray();
        byte[] head = propagated.append("Content-Length: ").append(body.length).append("\r\n\r\n")
                .toString().getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[fixedHead.length + head.length + body.length];
        System.arraycopy(fixedHead, 0, message, 0, fixedHead.length);
        System.arraycopy(head, 0, message, fixedHead.length, head.length);
        System.arraycopy(body, 0, message, fixedHead.length + head.length, body.length);
        return message;
    }

    private static EngineResponse answer(int status, byte[] buffer, int offset, int length) throws IOException {
        if (status != 200) {
            throw new IOException("engine answered " + status);
        }
        return EngineJson.readResponse(buffer, offset, length);
    }

    /** Trace context headers (traceparent, tracestate, baggage); one that could split the head is dropped. */
    private static void addHeader(StringBuilder headers, String name, String value) {
        if (safe(name) && safe(value)) {
            headers.append(header(name, value));
        }
    }

    private static boolean safe(String text) {
        return text != null && text.indexOf('\r') < 0 && text.indexOf('\n') < 0;
    }

    private static String header(String name, String value) {
        return name + ": " + value + "\r\n";
    }

    private EngineCall timedOut(long took, Throwable cause, Observation observation) {
        breaker.onError(took, TimeUnit.NANOSECONDS, cause);
        observation.error(cause);
        metrics.engineCall("timeout");
        return new EngineCall.TimedOut(took);
    }

    private EngineCall failed(long took, Throwable cause, Observation observation) {
        breaker.onError(took, TimeUnit.NANOSECONDS, cause);
        observation.error(cause);
        metrics.engineCall("error");
        return new EngineCall.Unavailable(took, false);
    }
}
