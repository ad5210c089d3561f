package io.oktioneer.support.schema;

import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Runs the Flyway migrations at start, and when PostgreSQL is down then, keeps retrying in the background
 * instead of crashing: the service starts, and readiness ({@code schema} in the readiness group) stays DOWN,
 * with the last error, until the schema is in place. Registered as the bean {@code schema} by
 * {@link SchemaMigrationAutoConfiguration} in every service that has Flyway.
 */
public class RetryingFlywayMigration implements FlywayMigrationStrategy, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RetryingFlywayMigration.class);

    private final Duration retry;
    private volatile boolean migrated;
    private volatile String lastError = "not migrated yet";

    public RetryingFlywayMigration(Duration retry) {
        this.retry = retry;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (tryMigrate(flyway)) {
            return;
        }
        Thread.ofVirtual().name("schema-migration").start(() -> {
            while (!migrated) {
                try {
                    Thread.sleep(retry);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                tryMigrate(flyway);
            }
        });
    }

    boolean tryMigrate(Flyway flyway) {
        try {
            flyway.migrate();
            migrated = true;
            return true;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            lastError = message.lines().findFirst().orElse(message);
            log.warn("schema not migrated yet (PostgreSQL unavailable?), retrying in {}: {}", retry, lastError);
            return false;
        }
    }

    public boolean migrated() {
        return migrated;
    }

    @Override
    public Health health() {
        return migrated ? Health.up().build() : Health.down().withDetail("error", lastError).build();
    }
}
