package io.oktioneer.gateway.balancing;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The routes' {@code lb://<service-id>} URIs go through Spring Cloud LoadBalancer (round robin, its default) over
 * the instances of {@link ServiceInstances}, kept current by {@link ReadinessChecks} and {@link ConnectFailover}.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceListConfiguration.class)
class Balancing {

    /**
     * Reactor Netty sends a request again, once, when its connection is reset: after an instance died mid-call
     * that would be a second evaluate (to the dead address, then by ConnectFailover to another instance). Off: a call
     * that was sent is never sent again; only one never sent is (ConnectFailover).
     */
    @Bean
    HttpClientCustomizer noResendOnReset() {
        return client -> client.disableRetry(true);
    }
}
