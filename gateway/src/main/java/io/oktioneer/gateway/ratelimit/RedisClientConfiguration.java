package io.oktioneer.gateway.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

    /**
     * While Redis is disconnected, fail each command at once instead of queueing it until the command
     * timeout: the rate limiter then fails open without adding latency.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /**
     * The gateway's only Redis commands are the rate limiter's script calls: no Lettuce latency histogram per
     * command (on by default when HdrHistogram is on the classpath, and exported nowhere). No span per command
     * either: application.yml excludes Boot's {@code LettuceObservationAutoConfiguration} (it has no switch).
     */
    @Bean
    ClientResourcesBuilderCustomizer noCommandLatencyRecording() {
        return resources -> resources.commandLatencyRecorder(CommandLatencyRecorder.disabled());
    }
}
