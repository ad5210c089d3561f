package io.oktioneer.preference.schema;

import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Runs the Flyway migrations at start, and when PostgreSQL is down then, keeps retrying in the background
 * instead of crashing: the service starts, readiness ({@code schema} in the readiness group) stays DOWN until
 * the schema is in place.
 */
@Component("schema")
class SchemaMigration implements FlywayMigrationStrategy, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private volatile boolean migrated;
    private volatile String lastError = "not migrated yet";

    @Override
    public void migrate(Flyway flyway) {
        if (tryMigrate(flyway)) {
            return;
        }
        Thread.ofVirtual().name("schema-migration").start(() -> {
            while (!migrated) {
                try {
                    Thread.sleep(RETRY);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                tryMigrate(flyway);
            }
        });
    }

    private boolean tryMigrate(Flyway flyway) {
        try {
            flyway.migrate();
            migrated = true;
            return true;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            lastError = message.lines().findFirst().orElse(message);
            log.warn("database migration failed, retrying in {}: {}", RETRY, lastError);
            return false;
        }
    }

    @Override
    public Health health() {
        return migrated ? Health.up().build() : Health.down().withDetail("error", lastError).build();
    }
}
