package io.oktioneer.engine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.oktioneer.engine.index.PreferenceIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one in-memory index of the service and its size gauge. */
@Configuration(proxyBeanMethods = false)
class IndexConfig {

    @Bean
    PreferenceIndex preferenceIndex() {
        return new PreferenceIndex(1 << 16);
    }

    @Bean
    MeterBinder preferenceIndexMetrics(PreferenceIndex index) {
        return registry -> Gauge.builder("oktioneer.engine.preferences", index, PreferenceIndex::size)
                .description("Preferences held in the engine's index")
                .register(registry);
    }
}
