package io.oktioneer.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.oktioneer.gateway.health.DownstreamHealthProperties;
import io.oktioneer.gateway.ratelimit.RateLimitProperties;
import io.oktioneer.support.warmup.WarmupProperties;
import io.oktioneer.testsupport.ApplicationYaml;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each setting in one place: every properties record the service binds, bound from its real application.yml.
 * The file sets each value a record has no default for (a missing int or boolean would bind to 0 or false without
 * a word): the records carry none.
 */
class SettingsTest {

    @Test
    void everySettingIsInApplicationYmlOnce() {
        List<Class<?>> records = new ArrayList<>(ApplicationYaml.recordsIn("io.oktioneer.gateway"));
        assertThat(records).contains(GatewayProperties.class, RateLimitProperties.class,
                DownstreamHealthProperties.class, SecurityProperties.class);
        records.addAll(List.of(WarmupProperties.class));

        assertThat(ApplicationYaml.load().problems(records)).isEmpty();
    }

    @Test
    void aServiceTakesOneUrlOrSeveralCommaSeparated() {
        ApplicationYaml yaml = ApplicationYaml.load();
        assertThat(yaml.bind(GatewayProperties.class).services().auction())
                .containsExactly(URI.create("http://127.0.0.1:18082"));
        GatewayProperties several = yaml.bind(GatewayProperties.class, Map.of("oktioneer.gateway.services.auction",
                "http://127.0.0.1:18082,http://127.0.0.1:18092"));
        assertThat(several.services().auction())
                .containsExactly(URI.create("http://127.0.0.1:18082"), URI.create("http://127.0.0.1:18092"));
        assertThat(several.services().preference()).containsExactly(URI.create("http://127.0.0.1:18081"));
        assertThat(yaml.bind(DownstreamHealthProperties.class, Map.of("oktioneer.gateway.health.engine",
                "http://127.0.0.1:18083,http://127.0.0.1:18093")).engine()).hasSize(2);
    }
}
