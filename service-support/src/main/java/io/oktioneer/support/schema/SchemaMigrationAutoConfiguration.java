package io.oktioneer.support.schema;

import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

/**
 * In a service with Flyway: the schema is migrated by {@link RetryingFlywayMigration}, whose health
 * ({@code schema}) the service puts in its readiness group.
 */
@AutoConfiguration(after = FlywayAutoConfiguration.class)
@ConditionalOnClass({Flyway.class, FlywayMigrationStrategy.class})
public class SchemaMigrationAutoConfiguration {

    @Bean("schema")
    @ConditionalOnBean(Flyway.class)
    @ConditionalOnMissingBean(FlywayMigrationStrategy.class)
    RetryingFlywayMigration schema() {
        return new RetryingFlywayMigration(Duration.ofSeconds(2));
    }
}
