package io.oktioneer.engine.decision;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code oktioneer.engine.decisions.*}.
 *
 * @param defaultMaxCandidates ranked candidates returned when the request does not say ({@code maxCandidates} 0)
 * @param maxCandidatesLimit   the most ever returned; a larger {@code maxCandidates} is capped to it
 */
@ConfigurationProperties("oktioneer.engine.decisions")
public record DecisionProperties(@DefaultValue("10") int defaultMaxCandidates,
                                 @DefaultValue("100") int maxCandidatesLimit) {
}
