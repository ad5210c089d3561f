package io.oktioneer.gateway.health;

import io.oktioneer.gateway.GatewayProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Adds a {@code services} component to the gateway's health: one entry per service, UP when at least one of its
 * instances' {@code /actuator/health/readiness} answers 200 in time, with each instance's state in its details
 * ({@code instances}: URL → UP, or DOWN with the status or error). Not part of the gateway's own readiness group, so
 * a service being down never takes the gateway out of rotation.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamHealth {

    @Bean
    CompositeReactiveHealthContributor services(GatewayProperties gateway, DownstreamHealthProperties health) {
        WebClient client = WebClient.create();
        Map<String, ReactiveHealthIndicator> services = new LinkedHashMap<>();
        services.put("preference-service", service(client, gateway.services().preference(), health));
        services.put("auction-service", service(client, gateway.services().auction(), health));
        services.put("decision-engine", service(client, health.engine(), health));
        services.put("history-consumer", service(client, gateway.services().history(), health));
        return CompositeReactiveHealthContributor.fromMap(services);
    }

    private static ReactiveHealthIndicator service(WebClient client, List<URI> instances,
            DownstreamHealthProperties health) {
        return () -> Flux.fromIterable(instances)
                .flatMapSequential(base -> probe(client, base, health).map(state -> Map.entry(base.toString(), state)))
                .collectList()
                .map(states -> {
                    Map<String, Map<String, Object>> details = new LinkedHashMap<>();
                    boolean anyUp = false;
                    for (Map.Entry<String, Map<String, Object>> state : states) {
                        details.put(state.getKey(), state.getValue());
                        anyUp |= "UP".equals(state.getValue().get("status"));
                    }
                    return (anyUp ? Health.up() : Health.down()).withDetail("instances", details).build();
                });
    }

    private static Mono<Map<String, Object>> probe(WebClient client, URI base, DownstreamHealthProperties health) {
        String url = base.toString().replaceAll("/+$", "") + "/actuator/health/readiness";
        return client.get().uri(url).exchangeToMono(response -> response.releaseBody()
                        .thenReturn(response.statusCode().is2xxSuccessful()
                                ? Map.<String, Object>of("status", "UP")
                                : Map.<String, Object>of("status", "DOWN", "httpStatus", response.statusCode().value())))
                .timeout(health.timeout())
                .onErrorResume(error -> Mono.just(Map.of("status", "DOWN", "error", error.getClass().getSimpleName())));
    }
}
