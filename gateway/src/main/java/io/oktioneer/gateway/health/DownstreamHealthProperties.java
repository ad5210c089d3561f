package io.oktioneer.gateway.health;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's health ({@code /actuator/health}) includes each service's readiness, so one call tells whether
 * the whole platform is up. The routed services' URLs come from {@code oktioneer.gateway.services.*}; the
 * decision-engine is not routed, so its URL is set here.
 *
 * @param engine  the decision-engine's base URL
 * @param timeout how long one readiness probe may take before that service counts as DOWN
 */
@ConfigurationProperties("oktioneer.gateway.health")
public record DownstreamHealthProperties(
        @DefaultValue("http://127.0.0.1:18083") URI engine,
        @DefaultValue("1s") Duration timeout) {
}
