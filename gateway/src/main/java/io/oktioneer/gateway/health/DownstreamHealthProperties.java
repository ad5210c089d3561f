package io.oktioneer.gateway.health;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's health ({@code /actuator/health}) includes each service's readiness, so one call tells whether
 * the whole platform is up. The routed services' URLs come from {@code oktioneer.gateway.services.*}; the
 * decision-engine is not routed, so its URL is set here.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param engine  the decision-engine's base URL
 * @param timeout how long one readiness probe may take before that service counts as DOWN
 */
@ConfigurationProperties("oktioneer.gateway.health")
public record DownstreamHealthProperties(URI engine, Duration timeout) {
}
