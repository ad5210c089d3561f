package io.oktioneer.auction.engine;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The decision-engine as the auction-service calls it. {@code writeReserve}: the part of tmax kept for recording
 * the decision; {@code connectTimeout} only caps a connection attempt (the evaluation's deadline is what ends a
 * call); {@code idleTimeout}: a kept-alive connection unused for longer is closed rather than reused (below the
 * engine's own keep-alive timeout); {@code maxIdleConnections}: connections kept open between calls (more are
 * opened while more calls are in flight); {@code circuit}: when to stop calling a failing engine so it costs
 * nothing.
 */
@ConfigurationProperties("oktioneer.engine")
public record EngineProperties(@DefaultValue("http://127.0.0.1:18083") URI url,
                               @DefaultValue("5") int maxCandidates,
                               @DefaultValue("3ms") Duration writeReserve,
                               @DefaultValue("10s") Duration connectTimeout,
                               @DefaultValue("20s") Duration idleTimeout,
                               @DefaultValue("64") int maxIdleConnections,
                               @DefaultValue Circuit circuit) {

    public record Circuit(@DefaultValue("50") float failureRatePercent,
                          @DefaultValue("50") int slidingWindow,
                          @DefaultValue("20") int minimumCalls,
                          @DefaultValue("1s") Duration openFor,
                          @DefaultValue("5") int halfOpenCalls) {
    }
}
