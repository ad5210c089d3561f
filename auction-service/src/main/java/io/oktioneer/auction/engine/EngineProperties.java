package io.oktioneer.auction.engine;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The decision-engine as the auction-service calls it ({@code oktioneer.engine.*}).
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param urls               where the engine's instances listen, called round robin (one URL: a load balancer or
 *                           Kubernetes Service in front of them); a comma-separated value binds too
 * @param maxCandidates      ranked candidates asked for
 * @param writeReserve       the part of tmax kept for recording the decision
 * @param connectTimeout     only caps a connection attempt (the evaluation's deadline is what ends a call)
 * @param idleTimeout        a kept-alive connection unused for longer is closed rather than reused (below the
 *                           engine's own keep-alive timeout)
 * @param maxIdleConnections connections kept open between calls, per instance (more are opened while more calls
 *                           are in flight)
 * @param circuit            when to stop calling a failing engine instance so it costs nothing (one breaker each)
 */
@ConfigurationProperties("oktioneer.engine")
public record EngineProperties(List<URI> urls,
                               int maxCandidates,
                               Duration writeReserve,
                               Duration connectTimeout,
                               Duration idleTimeout,
                               int maxIdleConnections,
                               Circuit circuit) {

    public EngineProperties {
        Objects.requireNonNull(urls, "oktioneer.engine.urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("oktioneer.engine.urls: at least one URL");
        }
        urls = List.copyOf(urls);
        Objects.requireNonNull(writeReserve, "oktioneer.engine.write-reserve");
        Objects.requireNonNull(connectTimeout, "oktioneer.engine.connect-timeout");
        Objects.requireNonNull(idleTimeout, "oktioneer.engine.idle-timeout");
        Objects.requireNonNull(circuit, "oktioneer.engine.circuit");
    }

    /**
     * @param failureRatePercent failed calls (of the window) that open the circuit
     * @param slidingWindow      the calls the rate is taken over
     * @param minimumCalls       calls needed before the rate counts
     * @param openFor            how long the circuit stays open before trial calls
     * @param halfOpenCalls      trial calls in the half-open state
     */
    public record Circuit(float failureRatePercent,
                          int slidingWindow,
                          int minimumCalls,
                          Duration openFor,
                          int halfOpenCalls) {

        public Circuit {
            Objects.requireNonNull(openFor, "oktioneer.engine.circuit.open-for");
        }
    }
}
