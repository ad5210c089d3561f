package io.oktioneer.auction.web;

import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Migrates the schema at start, or, when PostgreSQL is down then, keeps trying in the background: the service
 * starts anyway and its readiness (this indicator, "schema") stays DOWN until the schema is there.
 */
@Component("schema")
class SchemaMigration implements FlywayMigrationStrategy, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private final AtomicBoolean migrated = new AtomicBoolean();

    @Override
    public void migrate(Flyway flyway) {
        if (tryMigrate(flyway)) {
            return;
        }
        Thread.ofVirtual().name("schema-migration").start(() -> {
            while (!tryMigrate(flyway)) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    private boolean tryMigrate(Flyway flyway) {
        try {
            flyway.migrate();
            migrated.set(true);
            return true;
        } catch (RuntimeException e) {
            log.warn("schema not migrated yet (PostgreSQL unavailable?): {}", e.getMessage());
            return false;
        }
    }

    @Override
    public Health health() {
        return migrated.get() ? Health.up().build() : Health.down().withDetail("schema", "not migrated").build();
    }
}
