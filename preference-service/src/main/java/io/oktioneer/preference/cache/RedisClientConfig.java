package io.oktioneer.preference.cache;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lettuce fails fast while Redis is unreachable (commands rejected instead of queued until they time out), so a
 * dead Redis costs a read almost nothing: it falls back to PostgreSQL at once. Command and connect timeouts are
 * {@code spring.data.redis.timeout|connect-timeout} (application.yml).
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfig {

    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhenDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true);
    }
}
