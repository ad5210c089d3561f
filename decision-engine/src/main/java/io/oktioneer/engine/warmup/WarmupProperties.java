package io.oktioneer.engine.warmup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The warm-up at start ({@code oktioneer.warmup.*}): how many synthetic decisions the engine asks itself for
 * before it reports ready, and the longest it may take (past it the engine reports ready anyway: a cold engine
 * is better than none).
 *
 * <p>Defaults: the service's application.yml (the one place; deploy-checks compares deployments against it).
 */
@ConfigurationProperties("oktioneer.warmup")
public record WarmupProperties(boolean enabled, int requests, Duration maxDuration) {
}
