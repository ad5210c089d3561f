package io.oktioneer.gateway.apikey;

import io.oktioneer.contracts.Role;
import io.oktioneer.gateway.GatewayProperties;
import io.oktioneer.gateway.SecurityProperties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ApiKeyConfiguration {

    /** Key id forwarded for the bootstrap admin key, which lives only in the environment. */
    static final String ENVIRONMENT_ADMIN_ID = "env-admin";

    private static final Logger log = LoggerFactory.getLogger(ApiKeyConfiguration.class);

    @Bean
    ApiKeyRegistry apiKeyRegistry(SecurityProperties security) {
        ApiKeyRegistry registry = new ApiKeyRegistry();
        if (security.hasAdminKey()) {
            registry.activate(ApiKeySecrets.hash(security.adminKey()),
                    new ApiKey(ENVIRONMENT_ADMIN_ID, Role.ADMIN, null, null, null));
        } else {
            log.warn("No admin key (OKTIONEER_ADMIN_KEY is empty): only keys already in the store will work");
        }
        return registry;
    }

    @Bean
    ApiKeyRepository apiKeyRepository(JdbcClient jdbc) {
        return new ApiKeyRepository(jdbc);
    }

    /** Migrated by {@link ApiKeyRefresher} rather than at start, so PostgreSQL down does not stop the gateway. */
    @Bean
    ApiKeyRefresher apiKeyRefresher(DataSource dataSource, ApiKeyRepository repository, ApiKeyRegistry registry,
            GatewayProperties properties) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        return new ApiKeyRefresher(flyway, repository, registry, properties.apiKeys().refresh());
    }

    /** Health {@code apiKeys}, part of readiness: ready once the stored keys have been read. */
    @Bean
    HealthIndicator apiKeysHealthIndicator(ApiKeyRegistry registry, ApiKeyRefresher refresher) {
        return () -> {
            Health.Builder health = registry.loaded() ? Health.up() : Health.down();
            health.withDetail("activeKeys", registry.size());
            String error = refresher.lastError();
            return error == null ? health.build() : health.withDetail("lastError", error).build();
        };
    }
}
