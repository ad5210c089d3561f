package io.oktioneer.engine.web;

import io.oktioneer.contracts.security.InternalTokenFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class WebConfig {

    /** Calls without the internal token get 401 (the engine is never routed by the gateway); actuator stays open. */
    @Bean
    FilterRegistrationBean<InternalTokenFilter> internalTokenFilter(
            @Value("${oktioneer.security.internal-token}") String token) {
        FilterRegistrationBean<InternalTokenFilter> registration = new FilterRegistrationBean<>(new InternalTokenFilter(token));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
