package io.oktioneer.engine.web;

import io.oktioneer.support.json.SpecJson;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;

/**
 * JSON as SPEC §2 wants it ({@link SpecJson}); a missing primitive in a decision request reads as its default
 * (the request's own checks say what is missing).
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfig {

    @Bean
    JsonMapperBuilderCustomizer oktioneerJson() {
        JsonMapperBuilderCustomizer spec = SpecJson.customizer();
        return builder -> spec.customize(builder.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES));
    }
}
