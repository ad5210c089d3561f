package io.oktioneer.gateway;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the gateway ({@code oktioneer.gateway.*}).
 *
 * @param services    where the services listen; the routes in application.yml read these
 * @param apiKeys     how often keys changed through other replicas (or revoked) are read from PostgreSQL
 * @param rateLimit   Redis bucket key prefix, how long to skip Redis after it failed (fail open), and how long
 *                    tokens leased from a bucket stay spendable (at most 100 ms: the limit + 10 % bound)
 * @param maxBodySize request bodies above this get 413
 */
@ConfigurationProperties("oktioneer.gateway")
public record GatewayProperties(
        @DefaultValue Services services,
        @DefaultValue ApiKeys apiKeys,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("64KB") DataSize maxBodySize) {

    public record Services(
            @DefaultValue("http://127.0.0.1:18081") URI preference,
            @DefaultValue("http://127.0.0.1:18082") URI auction,
            @DefaultValue("http://127.0.0.1:18084") URI history) {
    }

    public record ApiKeys(@DefaultValue("5s") Duration refresh) {
    }

    public record RateLimit(
            @DefaultValue("oktioneer:gateway:bucket:") String keyPrefix,
            @DefaultValue("1s") Duration backoff,
            @DefaultValue("50ms") Duration leaseTtl) {
    }
}
