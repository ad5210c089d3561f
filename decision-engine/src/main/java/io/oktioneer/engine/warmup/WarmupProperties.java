package io.oktioneer.engine.warmup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up at start ({@code oktioneer.warmup.*}): how many synthetic decisions the engine asks itself for
 * before it reports ready, and the longest it may take (past it the engine reports ready anyway: a cold engine
 * is better than none).
 */
@ConfigurationProperties("oktioneer.warmup")
public record WarmupProperties(@DefaultValue("true") boolean enabled, @DefaultValue("3000") int requests,
                               @DefaultValue("60s") Duration maxDuration) {
}
