package io.oktioneer.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * The routes' {@code lb://<service-id>} URIs go through Spring Cloud LoadBalancer (round robin) over the instances of
 * {@link ServiceInstances}, kept current by {@link ReadinessChecks} and {@link ConnectFailover}.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceListConfiguration.class)
class Balancing {
}
