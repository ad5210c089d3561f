package io.oktioneer.support.warmup;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The warm-up at start ({@code oktioneer.warmup.*}).
 *
 * <p>Defaults: the application.yml of each service that warms up (gateway, auction-service, decision-engine; the
 * one place, each its own number of requests; deploy-checks compares deployments against it). This record has
 * none: a service must set all three.
 *
 * @param enabled     false: no warm-up, the warmup health reports it disabled
 * @param requests    how many read-only calls the service makes to itself (and to the services it calls) before it
 *                    reports ready
 * @param maxDuration the longest the warm-up may take; past it the service reports ready anyway (a cold service is
 *                    better than none)
 */
@ConfigurationProperties("oktioneer.warmup")
public record WarmupProperties(boolean enabled, int requests, Duration maxDuration) {

    public WarmupProperties {
        Objects.requireNonNull(maxDuration, "oktioneer.warmup.max-duration");
    }
}
