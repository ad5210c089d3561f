package io.oktioneer.history.web;

import io.oktioneer.contracts.security.InternalTokenFilter;
import io.oktioneer.contracts.web.ProblemErrorReportValve;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** Tomcat's own error answers in problem+json, never its HTML page; the same in every servlet service. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

    /** Calls that do not come through the gateway (no internal token) get 401; actuator stays open. */
    @Bean
    FilterRegistrationBean<InternalTokenFilter> internalTokenFilter(
            @Value("${oktioneer.security.internal-token}") String token) {
        FilterRegistrationBean<InternalTokenFilter> registration =
                new FilterRegistrationBean<>(new InternalTokenFilter(token));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
