package io.oktioneer.auction.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code oktioneer.evaluation.*}.
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 *
 * @param maxInFlight evaluations one instance works on at once; more are refused with 503 (see EvaluationLimiter)
 */
@ConfigurationProperties("oktioneer.evaluation")
public record EvaluationProperties(int maxInFlight) {
}
