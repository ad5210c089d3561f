package io.oktioneer.auction.web;

import io.oktioneer.support.web.ServiceWebConfiguration;
import java.time.Instant;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/** The shared web set-up (internal token, problem+json answers, clock) and what is the auction-service's own. */
@Configuration(proxyBeanMethods = false)
@Import(ServiceWebConfiguration.class)
class WebConfiguration {

    /** Earliest: the deadline of an evaluation starts when the request arrives. */
    @Bean
    FilterRegistrationBean<RequestTiming> requestTiming() {
        FilterRegistrationBean<RequestTiming> registration = new FilterRegistrationBean<>(new RequestTiming());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /**
     * Exact amounts in and out (JSON numbers read as BigDecimal, written plain), instants with milliseconds, and
     * the same mapper for answers and events.
     */
    @Bean
    JsonMapperBuilderCustomizer exactJson() {
        return builder -> builder
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addModule(new SimpleModule("oktioneer-time").addSerializer(Instant.class, new InstantMillis()));
    }

    static final class InstantMillis extends StdSerializer<Instant> {
        InstantMillis() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
            generator.writeString(Timestamps.format(value));
        }
    }

}
