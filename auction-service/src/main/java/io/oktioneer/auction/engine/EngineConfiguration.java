package io.oktioneer.auction.engine;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.observation.ObservationRegistry;
import io.oktioneer.auction.metrics.AuctionMetrics;
import java.net.http.HttpClient;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

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
    HttpClient engineHttpClient(EngineProperties properties) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    @Bean
    EngineClient engineClient(HttpClient engineHttpClient, EngineProperties properties,
                              @Value("${oktioneer.security.internal-token}") String internalToken, JsonMapper json,
                              CircuitBreaker engineCircuitBreaker, ObjectProvider<ObservationRegistry> observations,
                              AuctionMetrics metrics) {
        return new EngineClient(engineHttpClient, properties.url(), internalToken, json, engineCircuitBreaker,
                observations.getIfAvailable(() -> ObservationRegistry.NOOP), metrics);
    }
}
