package io.oktioneer.engine.web;

import io.oktioneer.contracts.security.InternalTokenFilter;
import io.oktioneer.contracts.web.ProblemErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class WebConfig {

    /** Tomcat's own error answers in problem+json, never its HTML page; the same in every servlet service. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

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
