package io.oktioneer.auction.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import io.oktioneer.auction.metrics.AuctionMetrics;
import io.oktioneer.contracts.InternalHeaders;
import io.oktioneer.contracts.engine.EngineRequest;
import io.oktioneer.contracts.engine.EngineResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the decision-engine with a hard deadline. A call that misses it is abandoned (NO_BID TIMEOUT); a failed
 * one is ENGINE_UNAVAILABLE; both count against a circuit breaker, and while it is open no call is made, so a
 * dead engine costs nothing. The W3C trace context travels in the request headers.
 */
public class EngineClient {

    static final String PATH = "/internal/v1/decisions";

    private final HttpClient http;
    private final URI endpoint;
    private final String internalToken;
    private final JsonMapper json;
    private final CircuitBreaker breaker;
    private final ObservationRegistry observations;
    private final AuctionMetrics metrics;

    public EngineClient(HttpClient http, URI baseUrl, String internalToken, JsonMapper json, CircuitBreaker breaker,
                        ObservationRegistry observations, AuctionMetrics metrics) {
        this.http = http;
        this.endpoint = baseUrl.resolve(PATH);
        this.internalToken = internalToken;
        this.json = json;
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(budget)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header(InternalHeaders.INTERNAL_TOKEN, internalToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request)));
        Observation observation = Observation.createNotStarted("oktioneer.engine.request", () -> {
            SenderContext<HttpRequest.Builder> context = new SenderContext<>(HttpRequest.Builder::header);
            context.setCarrier(builder);
            context.setRemoteServiceName("decision-engine");
            return context;
        }, observations).start();
        CompletableFuture<HttpResponse<byte[]>> pending = null;
        try (Observation.Scope ignored = observation.openScope()) {
            pending = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> response = pending.get(budget.toNanos(), TimeUnit.NANOSECONDS);
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                return failed(took, new IOException("engine answered " + response.statusCode()), observation);
            }
            EngineResponse answer = json.readValue(response.body(), EngineResponse.class);
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            metrics.engineCall("ok");
            return new EngineCall.Answered(answer, took);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut(System.nanoTime() - start, e, observation);
        } catch (ExecutionException e) {
            long took = System.nanoTime() - start;
            return e.getCause() instanceof HttpTimeoutException timeout
                    ? timedOut(took, timeout, observation) : failed(took, e.getCause(), observation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (pending != null) {
                pending.cancel(true);
            }
            return failed(System.nanoTime() - start, e, observation);
        } catch (RuntimeException e) {
            return failed(System.nanoTime() - start, e, observation);
        } finally {
            observation.stop();
        }
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
