package io.oktioneer.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.contracts.Role;
import org.junit.jupiter.api.Test;

class RateLimitPropertiesTest {

    @Test
    void rolesHaveTheSpecDefaults() {
        RateLimitProperties none = new RateLimitProperties(null, null, null, null);
        assertThat(none.forRole(Role.BIDDER)).isEqualTo(new Limit(2000, 4000));
        assertThat(none.forRole(Role.EXCHANGE)).isEqualTo(new Limit(500, 1000));
        assertThat(none.forRole(Role.ADMIN)).isEqualTo(new Limit(500, 1000));
        assertThat(none.forRole(Role.USER)).isEqualTo(new Limit(20, 100));
    }

    @Test
    void eachSettingOverridesOnlyItself() {
        RateLimitProperties some = new RateLimitProperties(null, new RateLimitProperties.Setting(3000L, null),
                null, new RateLimitProperties.Setting(null, 5L));
        assertThat(some.forRole(Role.BIDDER)).isEqualTo(new Limit(3000, 4000));
        assertThat(some.forRole(Role.USER)).isEqualTo(new Limit(20, 5));
    }
}
