package io.oktioneer.engine.web;

import io.micrometer.observation.ObservationRegistry;
import io.oktioneer.engine.decision.DecisionServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Boot's server observation filter (span + {@code http.server.requests}), registered as Boot does it, except
 * that a decision call joins it only when its W3C {@code traceparent} says the trace is sampled: an unsampled
 * decision would pay for an observation nobody exports (Boot backs off from its own registration when this one
 * exists).
 */
@Configuration(proxyBeanMethods = false)
public class ServerObservationConfig {

    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry registry,
            ObjectProvider<ServerRequestObservationConvention> customConvention,
            ObservationProperties observationProperties) {
        String name = observationProperties.getHttp().getServer().getRequests().getName();
        ServerRequestObservationConvention convention =
                customConvention.getIfAvailable(() -> new DefaultServerRequestObservationConvention(name));
        FilterRegistrationBean<ServerHttpObservationFilter> registration =
                new FilterRegistrationBean<>(new SampledDecisionsOnly(registry, convention));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
        return registration;
    }

    static final class SampledDecisionsOnly extends ServerHttpObservationFilter {

        SampledDecisionsOnly(ObservationRegistry registry, ServerRequestObservationConvention convention) {
            super(registry, convention);
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return DecisionServlet.PATH.equals(request.getRequestURI()) && !sampled(request.getHeader("traceparent"));
        }
    }

    /** W3C trace context {@code version-traceid-parentid-flags}: bit 0 of the flags is "sampled". */
    public static boolean sampled(String traceparent) {
        if (traceparent == null || traceparent.length() < 55) {
            return false;
        }
        char last = traceparent.charAt(54);
        int flags = Character.digit(last, 16);
        return flags >= 0 && (flags & 1) == 1;
    }
}
