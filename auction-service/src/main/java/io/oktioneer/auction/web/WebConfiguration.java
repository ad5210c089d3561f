package io.oktioneer.auction.web;

import io.oktioneer.contracts.security.InternalTokenFilter;
import io.oktioneer.contracts.web.ProblemErrorReportValve;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Earliest: the deadline of an evaluation starts when the request arrives. */
    @Bean
    FilterRegistrationBean<RequestTiming> requestTiming() {
        FilterRegistrationBean<RequestTiming> registration = new FilterRegistrationBean<>(new RequestTiming());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Tomcat's own error answers in problem+json, never its HTML page; the same in every servlet service. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

    /** Calls that did not come through the gateway get 401 (SPEC §6). */
    @Bean
    FilterRegistrationBean<InternalTokenFilter> internalTokenFilter(
            @Value("${oktioneer.security.internal-token}") String token) {
        FilterRegistrationBean<InternalTokenFilter> registration = new FilterRegistrationBean<>(
                new InternalTokenFilter(token));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
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
