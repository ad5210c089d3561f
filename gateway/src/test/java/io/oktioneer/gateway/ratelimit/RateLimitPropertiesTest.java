package io.oktioneer.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/** The rate limits as the gateway binds them: its application.yml under environment variables. */
class RateLimitPropertiesTest {

    /** {@code oktioneer.rate-limits.*} from the gateway's application.yml, overridden by these variables. */
    static RateLimitProperties bind(Map<String, Object> environmentVariables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        // Under the name of the real one: Boot maps OKTIONEER_RATELIMITS_... to oktioneer.rate-limits... only there.
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environmentVariables));
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
                    new ClassPathResource("application.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Binder.get(environment).bind("oktioneer.rate-limits", RateLimitProperties.class).get();
    }

    @Test
    void rolesHaveTheSpecDefaults() {
        RateLimitProperties none = bind(Map.of());
        assertThat(none.forRole(Role.BIDDER)).isEqualTo(new Limit(2000, 4000));
        assertThat(none.forRole(Role.EXCHANGE)).isEqualTo(new Limit(500, 1000));
        assertThat(none.forRole(Role.ADMIN)).isEqualTo(new Limit(500, 1000));
        assertThat(none.forRole(Role.USER)).isEqualTo(new Limit(20, 100));
        assertThat(none.keyPrefix()).isEqualTo("oktioneer:gateway:bucket:");
        assertThat(none.backoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(none.leaseTtl()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void eachVariableOverridesOnlyItself() {
        RateLimitProperties some = bind(Map.of("OKTIONEER_RATELIMITS_BIDDER_PERSECOND", "3000",
                "OKTIONEER_RATELIMITS_USER_BURST", "5", "OKTIONEER_RATELIMITS_BACKOFF", "200ms"));
        assertThat(some.forRole(Role.BIDDER)).isEqualTo(new Limit(3000, 4000));
        assertThat(some.forRole(Role.USER)).isEqualTo(new Limit(20, 5));
        assertThat(some.forRole(Role.EXCHANGE)).isEqualTo(new Limit(500, 1000));
        assertThat(some.backoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(some.leaseTtl()).isEqualTo(Duration.ofMillis(50));
    }
}
