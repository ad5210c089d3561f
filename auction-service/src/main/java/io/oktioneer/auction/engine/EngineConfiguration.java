package io.oktioneer.auction.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.observation.ObservationRegistry;
import io.oktioneer.auction.metrics.AuctionMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    CircuitBreaker engineCircuitBreaker(EngineProperties properties) {
        EngineProperties.Circuit circuit = properties.circuit();
        return CircuitBreaker.of("decision-engine", CircuitBreakerConfig.custom()
                .failureRateThreshold(circuit.failureRatePercent())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(circuit.slidingWindow())
                .minimumNumberOfCalls(circuit.minimumCalls())
                .waitDurationInOpenState(circuit.openFor())
                .permittedNumberOfCallsInHalfOpenState(circuit.halfOpenCalls())
                .build());
    }

    @Bean(destroyMethod = "close")
    EngineConnections engineConnections(EngineProperties properties) {
        return new EngineConnections(properties.url(), properties.connectTimeout(), properties.idleTimeout(),
                properties.maxIdleConnections());
    }

    @Bean
    EngineClient engineClient(EngineConnections engineConnections, EngineProperties properties,
                              @Value("${oktioneer.security.internal-token}") String internalToken,
                              CircuitBreaker engineCircuitBreaker, ObjectProvider<ObservationRegistry> observations,
                              AuctionMetrics metrics) {
        return new EngineClient(engineConnections, internalToken, engineCircuitBreaker,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), metrics);
    }
}
