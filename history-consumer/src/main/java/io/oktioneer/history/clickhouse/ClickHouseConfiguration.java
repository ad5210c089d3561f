package io.oktioneer.history.clickhouse;

import io.oktioneer.history.events.HistorySchema;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClickHouseConfiguration {

    @Bean
    ClickHouseClient clickHouseClient(ClickHouseProperties properties) {
        return new ClickHouseClient(properties);
    }

    @Bean
    SchemaManager schemaManager(ClickHouseClient clickHouse) {
        return new SchemaManager(clickHouse, HistorySchema.MIGRATIONS);
    }

    /**
     * {@code clickhouse} in the readiness group: up when ClickHouse answers and the schema is in place (creating
     * it if needed, so a ClickHouse that comes back later is made ready by the next probe).
     */
    @Bean
    AbstractHealthIndicator clickhouseHealthIndicator(ClickHouseClient clickHouse, SchemaManager schema) {
        return new AbstractHealthIndicator("ClickHouse health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                builder.withDetail("database", clickHouse.database());
                if (!clickHouse.ping()) {
                    builder.down().withDetail("error", "ClickHouse does not answer");
                    return;
                }
                try {
                    schema.ensureReady();
                    builder.up().withDetail("schemaVersion", schema.version());
                } catch (ClickHouseException e) {
                    builder.down().withDetail("error", e.getMessage());
                }
            }
        };
    }
}
