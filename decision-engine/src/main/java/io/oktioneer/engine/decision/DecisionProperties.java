package io.oktioneer.engine.decision;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oktioneer.engine.decisions.*}.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param defaultMaxCandidates ranked candidates returned when the request does not say ({@code maxCandidates} 0)
 * @param maxCandidatesLimit   the most ever returned; a larger {@code maxCandidates} is capped to it
 */
@ConfigurationProperties("oktioneer.engine.decisions")
public record DecisionProperties(int defaultMaxCandidates, int maxCandidatesLimit) {
}
