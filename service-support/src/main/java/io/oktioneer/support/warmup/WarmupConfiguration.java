package io.oktioneer.support.warmup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What a service imports to warm up before it reports ready: {@link WarmupProperties}, the {@link WarmupRun}
 * (health component {@code warmup}), and on Tomcat the {@link WarmupPort} that keeps the service's port closed
 * meanwhile. The service says which calls to make when it is started.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WarmupProperties.class)
@Import(WarmupConfiguration.Tomcat.class)
public class WarmupConfiguration {

    /** Named {@code warmup}: the health component the services' readiness groups include. */
    @Bean
    WarmupRun warmup(WarmupProperties properties) {
        return new WarmupRun(properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory")
    static class Tomcat {

        @Bean
        WarmupPort warmupPort(WarmupProperties properties) {
            return new WarmupPort(properties);
        }
    }
}
