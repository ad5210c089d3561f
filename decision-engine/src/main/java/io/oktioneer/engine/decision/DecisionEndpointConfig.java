package io.oktioneer.engine.decision;

import io.micrometer.core.instrument.MeterRegistry;
import io.oktioneer.engine.index.PreferenceIndex;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The decisions endpoint as its own servlet on Tomcat, next to Spring MVC's DispatcherServlet (actuator). */
@Configuration(proxyBeanMethods = false)
class DecisionEndpointConfig {

    @Bean
    ServletRegistrationBean<DecisionServlet> decisionServlet(PreferenceIndex index, IndexReadiness readiness,
                                                             DecisionRequests requests, MeterRegistry meters) {
        ServletRegistrationBean<DecisionServlet> registration = new ServletRegistrationBean<>(
                new DecisionServlet(index, readiness, requests, meters), DecisionServlet.PATH);
        registration.setName("decisionServlet");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
