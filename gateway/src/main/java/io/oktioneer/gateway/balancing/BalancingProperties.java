package io.oktioneer.gateway.balancing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway watches the instances of a service that has more than one ({@code oktioneer.gateway.services.*}).
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param checkInterval how often each instance's {@code /actuator/health/readiness} is called
 * @param checkTimeout  how long one check may take before the instance counts as not ready
 */
@ConfigurationProperties("oktioneer.gateway.balancing")
public record BalancingProperties(Duration checkInterval, Duration checkTimeout) {
}
