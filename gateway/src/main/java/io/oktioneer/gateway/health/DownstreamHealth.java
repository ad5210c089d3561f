package io.oktioneer.gateway.health;

import io.oktioneer.gateway.GatewayProperties;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Adds a {@code services} component to the gateway's health: one entry per service, UP when that service's
 * {@code /actuator/health/readiness} answers 200 in time. Not part of the gateway's own readiness group, so a
 * service being down never takes the gateway out of rotation.
 */
@Configuration(proxyBeanMethods = false)
class DownstreamHealth {

    @Bean
    CompositeReactiveHealthContributor services(GatewayProperties gateway, DownstreamHealthProperties health) {
        WebClient client = WebClient.create();
        Map<String, ReactiveHealthIndicator> services = new LinkedHashMap<>();
        services.put("preference-service", probe(client, gateway.services().preference(), health));
        services.put("auction-service", probe(client, gateway.services().auction(), health));
        services.put("decision-engine", probe(client, health.engine(), health));
        services.put("history-consumer", probe(client, gateway.services().history(), health));
        return CompositeReactiveHealthContributor.fromMap(services);
    }

    private static ReactiveHealthIndicator probe(WebClient client, URI base, DownstreamHealthProperties health) {
        String url = base.toString().replaceAll("/+$", "") + "/actuator/health/readiness";
        return () -> client.get().uri(url).exchangeToMono(response -> response.releaseBody()
                        .thenReturn(response.statusCode().is2xxSuccessful()
                                ? Health.up().withDetail("url", base.toString()).build()
                                : Health.down().withDetail("url", base.toString())
                                        .withDetail("status", response.statusCode().value()).build()))
                .timeout(health.timeout())
                .onErrorResume(error -> Mono.just(Health.down().withDetail("url", base.toString())
                        .withDetail("error", error.getClass().getSimpleName()).build()));
    }
}
