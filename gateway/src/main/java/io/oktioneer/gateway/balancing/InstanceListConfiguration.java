package io.oktioneer.gateway.balancing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Each service id's LoadBalancer context (a child of the application's): its instance list is the service's
 * {@link InstancePool}, chosen from round robin. Spring Cloud's own defaults for these beans need service discovery,
 * which is off. Not a {@code @Configuration}, so component scanning leaves it to those contexts.
 */
class InstanceListConfiguration {

    @Bean
    ServiceInstanceListSupplier instancePool(Environment environment, ServiceInstances services) {
        String serviceId = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        InstancePool pool = services.pool(serviceId);
        if (pool == null) {
            throw new IllegalStateException("lb://" + serviceId + ": no such service in oktioneer.gateway.services");
        }
        return pool;
    }

    @Bean
    ReactorLoadBalancer<ServiceInstance> roundRobin(Environment environment, LoadBalancerClientFactory factory) {
        String serviceId = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        return new RoundRobinLoadBalancer(factory.getLazyProvider(serviceId, ServiceInstanceListSupplier.class),
                serviceId);
    }
}
