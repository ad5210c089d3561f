package io.oktioneer.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway ({@code oktioneer.gateway.*}); the rate limits are {@code oktioneer.rate-limits.*}
 * ({@link io.oktioneer.gateway.ratelimit.RateLimitProperties}).
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param services    where each service's instances listen (one URL, or several comma-separated); the routes
 *                    balance over them ({@link io.oktioneer.gateway.balancing})
 * @param apiKeys     how often keys changed through other replicas (or revoked) are read from PostgreSQL
 * @param maxBodySize request bodies above this get 413
 */
@ConfigurationProperties("oktioneer.gateway")
public record GatewayProperties(Services services, ApiKeys apiKeys, DataSize maxBodySize) {

    public record Services(List<URI> preference, List<URI> auction, List<URI> history) {
    }

    public record ApiKeys(Duration refresh) {
    }
}
