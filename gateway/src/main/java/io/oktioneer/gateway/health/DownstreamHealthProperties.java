package io.oktioneer.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The gateway's health ({@code /actuator/health}) includes each service's readiness, so one call tells whether
 * the whole platform is up. The routed services' instances come from {@code oktioneer.gateway.services.*}; the
 * decision-engine is not routed, so its instances are set here.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param engine  the decision-engine instances' base URLs (one, or several comma-separated)
 * @param timeout how long one readiness probe may take before that instance counts as DOWN
 */
@ConfigurationProperties("oktioneer.gateway.health")
public record DownstreamHealthProperties(List<URI> engine, Duration timeout) {
}
