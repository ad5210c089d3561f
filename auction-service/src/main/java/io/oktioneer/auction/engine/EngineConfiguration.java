package io.oktioneer.auction.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.observation.ObservationRegistry;
import io.oktioneer.auction.metrics.AuctionMetrics;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean(destroyMethod = "close")
    EngineClient engineClient(EngineProperties properties,
                              @Value("${oktioneer.security.internal-token}") String internalToken,
                              ObjectProvider<ObservationRegistry> observations, AuctionMetrics metrics,
                              Environment environment) {
        if (environment.containsProperty("oktioneer.engine.url")) {
            // the old single-URL setting would be ignored and every call would go to the default
            throw new IllegalStateException("oktioneer.engine.url (OKTIONEER_ENGINE_URL) is now oktioneer.engine.urls"
                    + " (OKTIONEER_ENGINE_URLS): a comma-separated list of the engine's instances");
        }
        EngineClient client = client(properties, internalToken,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), metrics);
        metrics.engineInstancesOpen(client::openInstances);
        return client;
    }

    /** An instance (pool and breaker) per URL. */
    static EngineClient client(EngineProperties properties, String internalToken, ObservationRegistry observations,
                               AuctionMetrics metrics) {
        CircuitBreakerConfig breakerConfig = breakerConfig(properties.circuit());
        List<EngineInstance> instances = new ArrayList<>();
        for (URI url : properties.urls()) {
            EngineConnections connections = new EngineConnections(url, properties.connectTimeout(),
                    properties.idleTimeout(), properties.maxIdleConnections());
            String name = properties.urls().size() == 1 ? "decision-engine" : "decision-engine " + connections.hostHeader();
            instances.add(new EngineInstance(url, connections, CircuitBreaker.of(name, breakerConfig), internalToken));
        }
        return new EngineClient(instances, observations, metrics);
    }

    private static CircuitBreakerConfig breakerConfig(EngineProperties.Circuit circuit) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(circuit.failureRatePercent())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.slidingWindow())
                .minimumNumberOfCalls(circuit.minimumCalls())
                .waitDurationInOpenState(circuit.openFor())
                .permittedNumberOfCallsInHalfOpenState(circuit.halfOpenCalls())
                .build();
    }
}
