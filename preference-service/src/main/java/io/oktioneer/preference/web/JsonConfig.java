package io.oktioneer.preference.web;

import io.oktioneer.support.json.SpecJson;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** JSON as SPEC §2 wants it ({@link SpecJson}), for answers, cache entries and events alike. */
@Configuration(proxyBeanMethods = false)
class JsonConfig {

    @Bean
    JsonMapperBuilderCustomizer oktioneerJson() {
        return SpecJson.customizer();
    }
}
