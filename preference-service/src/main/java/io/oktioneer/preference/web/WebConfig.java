package io.oktioneer.preference.web;

import io.oktioneer.support.web.ServiceWebConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The web set-up every servlet service shares: internal token, problem+json answers, clock. */
@Configuration(proxyBeanMethods = false)
@Import(ServiceWebConfiguration.class)
class WebConfig {
}
