package io.oktioneer.support.web;

import io.oktioneer.contracts.security.InternalTokenFilter;
import io.oktioneer.contracts.web.ProblemErrorReportValve;
import io.oktioneer.support.problem.ProblemHandler;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The web set-up every servlet service shares, imported by each one's own web configuration
 * ({@code @Import(ServiceWebConfiguration.class)}): the internal-token check (SPEC §6), Tomcat's own errors in
 * problem+json, the one {@link ProblemHandler}, and the UTC clock the services read time from. Each service also turns off Spring Boot's {@code /error} page
 * ({@code ErrorMvcAutoConfiguration}), so that no error is forwarded there first.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceWebConfiguration {

    /**
     * After Boot's observation filter ({@code HIGHEST_PRECEDENCE + 1}), so that refused calls are measured too,
     * and after any service filter registered at {@code HIGHEST_PRECEDENCE} (the auction-service's request timing).
     */
    public static final int INTERNAL_TOKEN_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** Tomcat's own error answers in problem+json, never its HTML page. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

    /** Calls that did not come through the gateway (no internal token) get 401; actuator stays open. */
    @Bean
    FilterRegistrationBean<InternalTokenFilter> internalTokenFilter(
            @Value("${oktioneer.security.internal-token}") String token) {
        FilterRegistrationBean<InternalTokenFilter> registration =
                new FilterRegistrationBean<>(new InternalTokenFilter(token));
        registration.addUrlPatterns("/*");
        registration.setOrder(INTERNAL_TOKEN_ORDER);
        return registration;
    }

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
