package io.oktioneer.auction.evaluation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code maxInFlight}: evaluations one instance works on at once; more are refused with 503 (see EvaluationLimiter). */
@ConfigurationProperties("oktioneer.evaluation")
public record EvaluationProperties(@DefaultValue("64") int maxInFlight) {
}
