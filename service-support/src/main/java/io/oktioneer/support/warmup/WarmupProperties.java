package io.oktioneer.support.warmup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up at start ({@code oktioneer.warmup.*}): how many read-only calls the service makes to itself (and
 * to the services it calls) before it reports ready, and the longest it may take (past it the service reports ready anyway:
 * a cold service is better than none).
 */
@ConfigurationProperties("oktioneer.warmup")
public record WarmupProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2000") int requests,
                               @DefaultValue("60s") Duration maxDuration) {
}
