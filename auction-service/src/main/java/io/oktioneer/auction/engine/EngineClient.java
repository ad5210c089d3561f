package io.oktioneer.auction.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.contracts.engine.EngineResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls the decision-engine with a hard deadline, on the calling thread over a pooled keep-alive connection
 * ({@link EngineConnections}). A call that misses it is abandoned (NO_BID TIMEOUT); a failed one is
 * ENGINE_UNAVAILABLE; both count against a circuit breaker, and while it is open no call is made, so a dead
 * engine costs nothing. The W3C trace context travels in the request headers.
 *
 * <p>With several engine instances ({@code oktioneer.engine.urls}, each holding every preference) each has its
 * own pool and breaker, and calls go round robin over those whose breaker admits them. A call that gets no
 * answer from one (cannot connect, or the connection breaks first) goes at once to the next within the same
 * deadline; one that could not connect also opens that instance's breaker, so it is skipped until a trial
 * call after {@code circuit.open-for} answers. A time-out is never retried: the deadline is spent.
 */
public class EngineClient implements AutoCloseable {

    static final String PATH = "/internal/v1/decisions";

    private final EngineInstance[] instances;
    private final AtomicInteger next = new AtomicInteger();
    private final ObservationRegistry observations;
    private final AuctionMetrics metrics;

    EngineClient(List<EngineInstance> instances, ObservationRegistry observations, AuctionMetrics metrics) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no decision-engine instance");
        }
        this.instances = instances.toArray(EngineInstance[]::new);
        this.observations = observations;
        this.metrics = metrics;
    }

    /** One breaker per engine instance, in the order of {@code oktioneer.engine.urls}. */
    public List<CircuitBreaker> breakers() {
        return Arrays.stream(instances).map(instance -> instance.breaker).toList();
    }

    /** Engine instances whose breaker is open: calls skip them. */
    public int openInstances() {
        int open = 0;
        for (EngineInstance instance : instances) {
            if (instance.open()) {
                open++;
            }
        }
        return open;
    }

    public EngineCall decide(EngineRequest request, Duration budget) {
        if (budget.isZero() || budget.isNegative()) {
            if (openInstances() == instances.length) {
                metrics.engineCall("circuit_open");
                return new EngineCall.Unavailable(0, true);
            }
            metrics.engineCall("timeout");
            return new EngineCall.TimedOut(0);
        }
        int first = admitted();
        if (first < 0) {
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
            EngineInstance instance = instances[first];
            byte[] message = encode(instance.fixedHead, request, headers);
            long attemptStart = start;
            int tried = 0;
            while (true) {
                try {
                    EngineResponse answer = instance.connections.exchange(message, deadline, EngineClient::answer);
                    long now = System.nanoTime();
                    instance.breaker.onSuccess(now - attemptStart, TimeUnit.NANOSECONDS);
                    metrics.engineCall("ok");
                    return new EngineCall.Answered(answer, now - start);
                } catch (EngineConnections.NoAnswerException e) {
                    long now = System.nanoTime();
                    instance.failed(now - attemptStart, e);
                    if (Thread.currentThread().isInterrupted()) {
                        return failed(now - start, e, observation); // the caller's doing, not the instance's
                    }
                    if (e.connecting && instances.length > 1) {
                        instance.eject(e);
                    }
                    EngineInstance other = null;
                    while (other == null && ++tried < instances.length) {
                        EngineInstance candidate = instances[(first + tried) % instances.length];
                        if (candidate.breaker.tryAcquirePermission()) {
                            other = candidate;
                        }
                    }
                    if (other == null) {
                        return failed(now - start, e, observation);
                    }
                    metrics.engineFailover();
                    message = retarget(message, instance.fixedHead, other.fixedHead);
                    instance = other;
                    attemptStart = now;
                } catch (TimeoutException e) {
                    long now = System.nanoTime();
                    instance.failed(now - attemptStart, e);
                    return timedOut(now - start, e, observation);
                } catch (IOException | RuntimeException e) {
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                    }
                    long now = System.nanoTime();
                    instance.failed(now - attemptStart, e);
                    return failed(now - start, e, observation);
                }
            }
        } finally {
            observation.stop();
        }
    }

    /**
     * The index of the instance this call goes to: the next in turn whose breaker admits it (an instance it
     * skips takes a turn, so the others share its calls evenly), or -1 when none does.
     */
    private int admitted() {
        if (instances.length == 1) {
            return instances[0].breaker.tryAcquirePermission() ? 0 : -1;
        }
        for (int i = 0; i < instances.length; i++) {
            int turn = (next.getAndIncrement() & Integer.MAX_VALUE) % instances.length;
            if (instances[turn].breaker.tryAcquirePermission()) {
                return turn;
            }
        }
        // concurrent calls take turns in between, so the turns above may all have been skipped ones: ask each once
        for (int i = 0; i < instances.length; i++) {
            if (instances[i].breaker.tryAcquirePermission()) {
                return i;
            }
        }
        return -1;
    }

    /** The same request with another instance's fixed head (its Host). */
    private static byte[] retarget(byte[] message, byte[] fromHead, byte[] toHead) {
        byte[] moved = new byte[message.length - fromHead.length + toHead.length];
        System.arraycopy(toHead, 0, moved, 0, toHead.length);
        System.arraycopy(message, fromHead.length, moved, toHead.length, message.length - fromHead.length);
        return moved;
    }

    private static byte[] encode(byte[] fixedHead, EngineRequest request, StringBuilder propagated) {
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
        observation.error(cause);
        metrics.engineCall("timeout");
        return new EngineCall.TimedOut(took);
    }

    private EngineCall failed(long took, Throwable cause, Observation observation) {
        observation.error(cause);
        metrics.engineCall("error");
        return new EngineCall.Unavailable(took, false);
    }

    @Override
    public void close() {
        for (EngineInstance instance : instances) {
            instance.close();
        }
    }
}
